using System.Text;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The OpenSSH known_hosts file with trust on first use: an unknown host's key is appended, a known key passes,
/// any other key for a pinned host is refused (never auto-accepted). Lines are <c>203.0.113.10 ssh-ed25519 AAAA…</c>
/// for port 22 and <c>[203.0.113.10]:2222 ssh-ed25519 AAAA…</c> otherwise. Reading follows OpenSSH
/// (<see cref="KnownHostsFile"/>): hashed names and patterns match, an <c>@revoked</c> key is refused and never pinned,
/// a host trusted only through <c>@cert-authority</c> is refused with a message saying so. Comments, hashed and marker
/// lines are kept byte for byte. Writes replace the file atomically (temp file + rename, through a symbolic link to
/// its target) under an in-process semaphore and a <c>.lock</c> file, so parallel bootstraps (threads or processes)
/// never lose a line.
/// </summary>
internal sealed class KnownHostsStore : IDisposable
{
    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(25);
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TimeProvider time;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public KnownHostsStore(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        this.time = time;
    }

    public string Path { get; }

    /// <summary>The host field for an address: the bare IP on port 22, <c>[ip]:port</c> otherwise.</summary>
    public static string HostToken(string address, int port) => port == 22 ? address : $"[{address}]:{port}";

    /// <summary>What the file holds for a host (nothing when the file is missing). Reads without the lock: writers only ever rename a complete file in place.</summary>
    public async Task<KnownHostsMatch> FindAsync(string address, int port, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return KnownHostsMatch.None;
        }

        return KnownHostsFile.Find(text, HostToken(address, port));
    }

    /// <summary>
    /// Pins <paramref name="presented"/> for the host unless a line for it exists. Re-reads the file under the lock,
    /// so a key pinned (or revoked) meanwhile by another process is honoured. When <see cref="Path"/> is a symbolic
    /// link, the file it points to is replaced and the link stays.
    /// </summary>
    /// <exception cref="RemoteConnectionException">The file now refuses the key (pinned meanwhile with another key, revoked, or a certificate authority).</exception>
    public async Task PinAsync(string address, int port, HostKey presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var token = HostToken(address, port);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = WriteTarget();
            EnsureDirectory(target);
            using var fileLock = await AcquireLockAsync(target, cancellationToken).ConfigureAwait(false);

            // From here on nothing is cancelled: the read-merge-rename either completes or never starts.
            var existing = ReadExisting(target);
            var match = KnownHostsFile.Find(existing, token);
            switch (match.Check(presented))
            {
                case HostKeyCheck.Known:
                    return;
                case HostKeyCheck.Unknown:
                    break;
                case var refused:
                    throw RefusedException(address, port, match, presented, refused);
            }

            var builder = new StringBuilder(existing);
            if (existing.Length > 0 && existing[^1] != '\n')
            {
                builder.Append('\n');
            }

            builder.Append(token).Append(' ').Append(presented.KeyType).Append(' ').Append(presented.Base64).Append('\n');
            ReplaceFile(target, builder.ToString());
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>
    /// Removes the pins for the host (see <see cref="KnownHostsFile.Forget"/>) under the same lock as
    /// <see cref="PinAsync"/>; the file is rewritten only when something was removed. False when there was nothing.
    /// </summary>
    public async Task<bool> ForgetAsync(string address, int port, CancellationToken cancellationToken)
    {
        var token = HostToken(address, port);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = WriteTarget();
            if (!File.Exists(target))
            {
                return false;
            }

            using var fileLock = await AcquireLockAsync(target, cancellationToken).ConfigureAwait(false);
            var (text, removed) = KnownHostsFile.Forget(ReadExisting(target), token);
            if (removed)
            {
                ReplaceFile(target, text);
            }

            return removed;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The one message for a refused key, wrapped so the readiness probe can tell it is final.</summary>
    public RemoteConnectionException RefusedException(string address, int port, KnownHostsMatch match, HostKey presented, HostKeyCheck check)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(presented);
        var message = check switch
        {
            HostKeyCheck.Revoked =>
                $"host key {presented.Fingerprint} of {address}:{port} is revoked (@revoked on line " +
                $"{match.Revoked.First(r => r.Key.Equals(presented)).Line} of {Path}); refusing to connect: give the host a new key, " +
                "or remove that line if the revocation is wrong",
            HostKeyCheck.CertificateAuthority =>
                $"{Path} trusts a certificate authority for {address}:{port} (@cert-authority on line " +
                $"{string.Join(", ", match.CertificateAuthorityLines)}), and stagecraft does not check host certificates; " +
                $"refusing to pin {presented.Fingerprint} on first use: add the host's key as a plain line, or remove the @cert-authority line",
            HostKeyCheck.Changed => ChangedMessage(address, port, match.Pinned, presented),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a refusal"),
        };
        return new RemoteConnectionException(message, new SshConnectFailure(SshFailureKind.HostKeyRefused, message, innerException: null));
    }

    public void Dispose() => writeGate.Dispose();

    private string ChangedMessage(string address, int port, IReadOnlyList<HostKey> pinned, HostKey presented)
    {
        var shown = pinned.FirstOrDefault(k => string.Equals(k.KeyType, presented.KeyType, StringComparison.Ordinal)) ?? pinned[0];
        return $"host key for {address}:{port} changed: pinned {shown.Fingerprint}, presented {presented.Fingerprint}; " +
            $"if the host was rebuilt, remove its line from {Path}";
    }

    /// <summary>The file a write replaces: <see cref="Path"/>, or the final target when it is a symbolic link (dangling included).</summary>
    private string WriteTarget()
    {
        var link = new FileInfo(Path);
        if (link.LinkTarget is null)
        {
            return Path;
        }

        return link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path;
    }

    private static void EnsureDirectory(string file)
    {
        var directory = System.IO.Path.GetDirectoryName(file)!;
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>An exclusive lock on <c>&lt;file&gt;.lock</c> (flock(2) on Unix), so writers in other processes wait their turn.</summary>
    private async Task<FileStream> AcquireLockAsync(string file, CancellationToken cancellationToken)
    {
        var lockPath = file + ".lock";
        while (true)
        {
            try
            {
                return new FileStream(lockPath, CreateOptions(System.IO.FileMode.OpenOrCreate, FileShare.None));
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                // Held by another process (or another store on the same file): wait and try again.
                await Task.Delay(LockRetryInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string ReadExisting(string file)
    {
        try
        {
            return File.ReadAllText(file, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    private static void ReplaceFile(string file, string content)
    {
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, CreateOptions(System.IO.FileMode.CreateNew, FileShare.None)))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static FileStreamOptions CreateOptions(System.IO.FileMode mode, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
