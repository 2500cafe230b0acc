using System.Diagnostics;
using FastReg.IO;
using FastReg.SaveVictim;
using Xunit.Abstractions;

namespace FastReg.Tests.IO;

/// <summary>
/// Crash-safe saves (issue item 3): a child process saves weights over an existing file in a loop and is killed
/// with SIGKILL at a random moment; the file left on disk must be the complete old or the complete new version.
/// FASTREG_KILLED_SAVES sets the number of kills (default 40; the long run does 1,000, see docs/reliability.md).
/// </summary>
public class KilledSaveTests(ITestOutputHelper output)
{
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("FASTREG_KILLED_SAVES"), out int n) && n > 0 ? n : 40;

    // A save of the larger version takes a few tens of milliseconds here; kills spread over several saves.
    private static int MaxDelayMs => int.TryParse(Environment.GetEnvironmentVariable("FASTREG_KILL_MAX_DELAY_MS"), out int n) && n >= 0 ? n : 150;

    [Fact]
    public void A_save_killed_at_a_random_moment_leaves_the_complete_old_or_the_complete_new_file()
    {
        using var dir = new TempDirectory();
        string oldFile = dir.File("old.safetensors"), newFile = dir.File("new.safetensors");
        SafeTensors.Write(oldFile, VictimWeights.Old);
        SafeTensors.Write(newFile, VictimWeights.New);
        byte[] oldBytes = File.ReadAllBytes(oldFile), newBytes = File.ReadAllBytes(newFile);
        string target = dir.File("model.safetensors");

        int seed = Environment.TickCount;
        var rng = new Random(seed);
        int sawOld = 0, sawNew = 0, staleTemps = 0;
        long saves = 0;
        var clock = Stopwatch.StartNew();
        for (int kill = 0; kill < Kills; kill++)
        {
            File.Copy(oldFile, target, overwrite: true); // the victim is not running yet, so a plain copy is safe
            int delay = rng.Next(MaxDelayMs + 1);
            saves += RunAndKill(target, delay);

            byte[] onDisk = File.ReadAllBytes(target);
            bool isOld = onDisk.AsSpan().SequenceEqual(oldBytes), isNew = onDisk.AsSpan().SequenceEqual(newBytes);
            Assert.True(isOld || isNew,
                $"kill {kill} ({delay} ms after ready, seed {seed}): the file is neither version ({onDisk.Length} bytes; old {oldBytes.Length}, new {newBytes.Length})");
            SafeTensors.Read(target); // and it reads back
            if (isOld) sawOld++;
            else sawNew++;

            // A save killed between creating its temporary file and the rename leaves that file behind (see AtomicFile).
            foreach (string temp in Directory.GetFiles(dir.Path, ".model.safetensors.*.tmp"))
            {
                staleTemps++;
                File.Delete(temp);
            }
        }
        output.WriteLine($"{Kills} kills in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}, delay 0-{MaxDelayMs} ms): " +
            $"old version {sawOld}, new version {sawNew}, corrupt 0; {saves} saves completed in all; {staleTemps} stale temporary files");
    }

    /// <summary>Starts the victim on <paramref name="target"/>, kills it <paramref name="delayMs"/> after it is ready, returns the saves it reported.</summary>
    private static long RunAndKill(string target, int delayMs)
    {
        var start = new ProcessStartInfo(DotnetHost(), [VictimDll(), target])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var victim = Process.Start(start) ?? throw new InvalidOperationException("could not start the save victim");
        using var ready = new ManualResetEventSlim();
        long saves = 0;
        victim.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready") ready.Set();
            else if (e.Data?.StartsWith("saved ", StringComparison.Ordinal) == true) Interlocked.Increment(ref saves);
        };
        victim.BeginOutputReadLine();
        victim.BeginErrorReadLine();
        try
        {
            if (!ready.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("the save victim never printed 'ready'");
            if (victim.HasExited) Assert.Fail($"the save victim exited early with code {victim.ExitCode}");
            Thread.Sleep(delayMs);
            victim.Kill(); // SIGKILL on Linux and macOS, TerminateProcess on Windows: no handler or finally runs
            Assert.True(victim.WaitForExit(30_000), "the save victim did not die");
            victim.WaitForExit(); // drains the output
            if (!OperatingSystem.IsWindows()) Assert.Equal(128 + 9, victim.ExitCode); // killed by signal 9
        }
        finally
        {
            if (!victim.HasExited) victim.Kill();
        }
        return Interlocked.Read(ref saves);
    }

    private static string VictimDll() => Path.Combine(AppContext.BaseDirectory, "FastReg.SaveVictim.dll");

    private static string DotnetHost() => Support.ChildProcess.DotnetHost();
}
