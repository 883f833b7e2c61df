using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Swaps one of a running test host's shims (tools/testhost/shims) for another script, for faults the shims have no
/// switch for. The files are rewritten in place, so the bind mounts inside the host's namespace see the new content.
/// </summary>
internal static class TestHostShims
{
    public static void Replace(SshTestHost host, string name, string script)
    {
        foreach (var path in new[] { Path.Combine(host.StateDirectory, "root", "usr-local-sbin", name), Path.Combine(host.StateDirectory, "bin", name) })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"test host has no shim {path}");
            }

            File.WriteAllText(path, script);
        }
    }
}
