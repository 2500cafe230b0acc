using FastReg.IO;
using FastReg.SaveVictim;

// Usage: FastReg.SaveVictim <target.safetensors>
// Prints "ready", then saves VictimWeights.New, Old, New, ... over the target until it is killed,
// printing "saved <n>" after each save.
//
// Usage: FastReg.SaveVictim abandon <target>
// Starts one save over the target and, while its writer is halfway, calls AtomicFile.AbandonPendingWrites
// (what the CLI's SIGINT/SIGTERM handler does), then lets the writer finish. Prints "abandoned <n>" (temporary
// files deleted), "temps <n>" (left in the folder after that), then "canceled" if the save threw
// OperationCanceledException or "saved" if it renamed anyway. It runs in its own process because abandoning is
// for good: every later save of the process fails.
if (args is ["abandon", string abandonTarget])
    return AbandonMidway(abandonTarget);
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FastReg.SaveVictim <target.safetensors> | abandon <target>");
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

static int AbandonMidway(string target)
{
    string folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
    try
    {
        AtomicFile.Write(target, stream =>
        {
            stream.Write(new byte[100_000]);
            int deleted = 0;
            var other = new Thread(() => deleted = AtomicFile.AbandonPendingWrites()); // as a signal handler's thread would
            other.Start();
            other.Join();
            Console.WriteLine($"abandoned {deleted}");
            Console.WriteLine($"temps {Directory.GetFiles(folder, "*.tmp").Length}");
            stream.Write(new byte[100_000]);
        });
        Console.WriteLine("saved");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("canceled");
    }
    Console.WriteLine($"temps {Directory.GetFiles(folder, "*.tmp").Length}");
    return 0;
}
