namespace FastReg.IO;
