using FastReg.Cli;

CliConsole console = CliConsole.FromSystemConsole();
var signals = Interruption.Install(console.Interactive);
int code = FastRegApp.Run(args, console);
GC.KeepAlive(signals);
return code;
