using FastReg.IO;
using FastReg.SaveVictim;

// Usage: FastReg.SaveVictim <target.safetensors>
// Prints "ready", then saves VictimWeights.New, Old, New, ... over the target until it is killed,
// printing "saved <n>" after each save.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FastReg.SaveVictim <target.safetensors>");
    return 2;
}
string target = args[0];
IReadOnlyList<NamedTensor>[] versions = [VictimWeights.New, VictimWeights.Old];
Console.Out.Flush();
Console.WriteLine("ready");
for (long n = 0; ; n++)
{
    SafeTensors.Write(target, versions[n % 2]);
    Console.WriteLine($"saved {n + 1}");
}
