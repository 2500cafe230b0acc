using FastReg.Cli;

return FastRegApp.Run(args, CliConsole.FromSystemConsole());
