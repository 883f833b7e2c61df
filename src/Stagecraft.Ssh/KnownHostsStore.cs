using System.Security.Cryptography;
using System.Text;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The OpenSSH known_hosts file with trust on first use: an unknown host's key is appended, a known key passes,
/// any other key for a pinned host is refused (never auto-accepted). Lines are <c>203.0.113.10 ssh-ed25519 AAAA…</c>
/// for port 22 and <c>[203.0.113.10]:2222 ssh-ed25519 AAAA…</c> otherwise. Comments, hashed (<c>|1|…</c>) and
/// marker lines are kept byte for byte. Writes replace the file atomically (temp file + rename) under an
/// in-process semaphore and a <c>.lock</c> file, so parallel bootstraps (threads or processes) never lose a line.
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

    /// <summary>The keys pinned for a host (empty when unknown). Reads without the lock: writers only ever rename a complete file in place.</summary>
    public async Task<IReadOnlyList<HostKey>> GetPinnedKeysAsync(string address, int port, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        return FindKeys(text, HostToken(address, port));
    }

    public static HostKeyCheck Check(IReadOnlyList<HostKey> pinned, HostKey presented)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (pinned.Count == 0)
        {
            return HostKeyCheck.Unknown;
        }

        return pinned.Contains(presented) ? HostKeyCheck.Known : HostKeyCheck.Changed;
    }

    /// <summary>
    /// Pins <paramref name="presented"/> for the host unless a line for it exists. Re-reads the file under the lock,
    /// so a key pinned meanwhile by another process is honoured.
    /// </summary>
    /// <exception cref="RemoteConnectionException">The host was pinned meanwhile with another key.</exception>
    public async Task PinAsync(string address, int port, HostKey presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var token = HostToken(address, port);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureDirectory();
            using var fileLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);

            // From here on nothing is cancelled: the read-merge-rename either completes or never starts.
            var existing = ReadExisting();
            var pinned = FindKeys(existing, token);
            switch (Check(pinned, presented))
            {
                case HostKeyCheck.Known:
                    return;
                case HostKeyCheck.Changed:
                    throw ChangedException(address, port, pinned, presented);
            }

            var builder = new StringBuilder(existing);
            if (existing.Length > 0 && existing[^1] != '\n')
            {
                builder.Append('\n');
            }

            builder.Append(token).Append(' ').Append(presented.KeyType).Append(' ').Append(presented.Base64).Append('\n');
            ReplaceFile(builder.ToString());
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The one message for a changed key, wrapped so the readiness probe can tell it is final.</summary>
    public RemoteConnectionException ChangedException(string address, int port, IReadOnlyList<HostKey> pinned, HostKey presented)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(presented);
        var shown = pinned.FirstOrDefault(k => string.Equals(k.KeyType, presented.KeyType, StringComparison.Ordinal)) ?? pinned[0];
        var message =
            $"host key for {address}:{port} changed: pinned {shown.Fingerprint}, presented {presented.Fingerprint}; " +
            $"if the host was rebuilt, remove its line from {Path}";
        return new RemoteConnectionException(message, new SshConnectFailure(SshFailureKind.HostKeyChanged, message, innerException: null));
    }

    public void Dispose() => writeGate.Dispose();

    internal static IReadOnlyList<HostKey> FindKeys(string text, string hostToken)
    {
        var keys = new List<HostKey>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == '@')
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || !HostFieldMatches(fields[0], hostToken))
            {
                continue;
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            keys.Add(new HostKey(fields[1], blob));
        }

        return keys;
    }

    private static bool HostFieldMatches(string field, string hostToken)
    {
        if (field.StartsWith("|1|", StringComparison.Ordinal))
        {
            return HashedMatches(field, hostToken);
        }

        foreach (var pattern in field.Split(','))
        {
            if (string.Equals(pattern, hostToken, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>, as written by <c>ssh-keygen -H</c> / HashKnownHosts.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "OpenSSH's hashed known_hosts format is defined as HMAC-SHA1; we only read it.")]
    private static bool HashedMatches(string field, string hostToken)
    {
        var parts = field.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(hostToken));
            return CryptographicOperations.FixedTimeEquals(actual, hash);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void EnsureDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
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

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var lockPath = Path + ".lock";
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

    private string ReadExisting()
    {
        try
        {
            return File.ReadAllText(Path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    private void ReplaceFile(string content)
    {
        var temp = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, CreateOptions(System.IO.FileMode.CreateNew, FileShare.None)))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
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
