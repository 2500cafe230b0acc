namespace FastReg.Diagnostics;
