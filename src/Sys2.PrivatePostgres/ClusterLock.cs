using System.Diagnostics;

namespace Sys2.PrivatePostgres;

/// <summary>
/// An exclusive lock on a file, so test assemblies running in parallel (and the CLI) never initialise,
/// start or stop the same cluster at once. On Unix, .NET's FileShare.None takes an flock, which the
/// kernel drops when the holder dies, so a crashed process never leaves the lock stuck.
/// </summary>
internal sealed class ClusterLock : IDisposable
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    readonly FileStream stream;

    ClusterLock(FileStream stream) => this.stream = stream;

    public static async Task<ClusterLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                // Held by another process, or another caller in this one: wait our turn.
                await Task.Delay(RetryDelay, ct);
            }
            catch (IOException e)
            {
                throw new PrivatePostgresException(
                    $"Waited {timeout.TotalSeconds:0} s for the lock {path}, still held by another process: {e.Message}", e);
            }
        }
    }

    // The file itself stays: deleting a lock file lets two processes lock two different files.
    public void Dispose() => stream.Dispose();
}
