using System.Runtime.InteropServices;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Preflight;

namespace Stagecraft.Ssh;

/// <summary>
/// The local, read-only checks of <c>infra.bootstrap.ssh</c> before anything is created: the key file is readable and
/// parses, its passphrase is available when it needs one, the agent is reachable when configured, and
/// <c>known_hosts_file</c> can be written (its directory exists or can be created, the file is writable) — checked
/// without writing anything; and that the SSH.NET in use has the members commands with input need
/// (<see cref="SshNetInternals"/>). Every finding is <see cref="PreflightScope.Local"/>; those about the config blame
/// its key. The keys that loaded are returned with their public halves, for the cloud preflight to compare.
/// </summary>
public static class SshPreflight
{
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    public static LocalPreflight Check(SshSettings settings, SshCredentialSources credentials)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        var (identities, problems) = SshIdentityLoader.Load(settings, credentials);
        var messages = new List<string>(problems);
        if (SshNetInternals.Problem is { } library)
        {
            messages.Add(library);
        }

        if (KnownHostsProblem(settings.KnownHostsFile) is { } problem)
        {
            messages.Add(settings.Describe("known_hosts_file", problem));
        }

        return new LocalPreflight(
            [.. messages.Select(m => new PreflightFinding(PreflightScope.Local, m))],
            [.. identities.Select(i => new LoginKey(i.Description, i.PublicKeyBlob))]);
    }

    /// <summary>Why <paramref name="path"/> could not be written or created, or null when it can.</summary>
    internal static string? KnownHostsProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"{path} is a directory; give a file path";
        }

        if (File.Exists(full))
        {
            return CanWrite(full, directory: false) ? null : $"cannot write {path}: permission denied";
        }

        // The file does not exist: the first directory up the path that exists must let us create what is missing.
        var parent = Path.GetDirectoryName(full);
        while (parent is not null && !Directory.Exists(parent))
        {
            if (File.Exists(parent))
            {
                return $"cannot create {path}: {parent} is a file, not a directory";
            }

            parent = Path.GetDirectoryName(parent);
        }

        if (parent is null)
        {
            return $"cannot create {path}: no existing directory on its path";
        }

        return CanWrite(parent, directory: true) ? null : $"cannot create {path}: {parent} is not writable";
    }

    private static bool CanWrite(string path, bool directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        return Access(path, directory ? WriteOk | ExecuteOk : WriteOk) == 0;
    }

    /// <summary>access(2): asks the kernel whether this process may write (without writing), read-only file systems included.</summary>
    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
