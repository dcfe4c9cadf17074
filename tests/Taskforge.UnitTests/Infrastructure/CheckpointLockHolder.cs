using System.Diagnostics;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// Another process that holds a SQLite database's checkpoint lock (byte 121 of its <c>-shm</c>
/// file, the lock SQLite itself takes with <c>fcntl</c>) until released: while it does, every
/// checkpoint in this process is answered busy, as when another checkpoint copies. Python's
/// <c>fcntl.lockf</c> takes the same kind of lock; the test runner has python3 (scripts/test.sh).
/// </summary>
internal sealed class CheckpointLockHolder : IDisposable
{
    private const string Script = """
        import fcntl, os, sys
        fd = os.open(sys.argv[1], os.O_RDWR)
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 121)
        print("locked", flush=True)
        sys.stdin.read()
        """;

    private readonly Process _process;

    private CheckpointLockHolder(Process process) => _process = process;

    public static CheckpointLockHolder Start(string shmFile)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(shmFile);
        var process = Process.Start(start)!;
        var holder = new CheckpointLockHolder(process);
        if (process.StandardOutput.ReadLine() != "locked")
        {
            var error = process.StandardError.ReadToEnd();
            holder.Dispose();
            throw new InvalidOperationException($"python3 did not take the checkpoint lock: {error}");
        }

        return holder;
    }

    /// <summary>Lets go of the lock: the process ends when its input closes.</summary>
    public void Release() => _process.StandardInput.Close();

    /// <summary>Completes when the lock is released and the process has ended.</summary>
    public Task ReleasedAsync() => _process.WaitForExitAsync();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
