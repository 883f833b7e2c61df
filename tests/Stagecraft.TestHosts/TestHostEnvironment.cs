namespace Stagecraft.TestHosts;

/// <summary>
/// Whether this machine can run test hosts (Linux, root, sshd, unshare, ssh, ssh-keygen, the scripts).
/// Tests should call <see cref="EnsureAvailable"/> and fail with its message rather than skip: CI runs as root.
/// </summary>
public static class TestHostEnvironment
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static bool IsAvailable => Problem.Value is null;

    /// <summary>Why test hosts cannot run here; <c>null</c> when they can.</summary>
    public static string? UnavailableReason => Problem.Value;

    /// <summary>Throws <see cref="InvalidOperationException"/> with <see cref="UnavailableReason"/> when unavailable.</summary>
    public static void EnsureAvailable()
    {
        if (Problem.Value is { } reason)
        {
            throw new InvalidOperationException($"SSH test hosts cannot run on this machine: {reason}");
        }
    }

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "they need Linux (mount namespaces)";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "they must run as root (scripts/test.sh and CI run as root)";
        }

        if (FindProgram("sshd", "/usr/sbin/sshd") is null)
        {
            return "sshd not found: apt-get install -y openssh-server sudo";
        }

        foreach (var program in new[] { "unshare", "ssh", "ssh-keygen", "bash" })
        {
            if (FindProgram(program, null) is null)
            {
                return $"{program} not found on PATH";
            }
        }

        return TestHostScripts.TryLocate(out _, out var scriptProblem) ? null : scriptProblem;
    }

    internal static string? FindProgram(string name, string? fallback)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return fallback is not null && File.Exists(fallback) ? fallback : null;
    }
}
