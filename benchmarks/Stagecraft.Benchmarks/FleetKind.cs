namespace Stagecraft.Benchmarks;

/// <summary>Which hosts stand behind the droplets.</summary>
internal enum FleetKind
{
    /// <summary>tools/testhost/fleet.sh: one sshd for every host, in a private network namespace (up to 500 hosts).</summary>
    Light,

    /// <summary>tests/Stagecraft.TestHosts: one sshd per host in its own mount namespace (up to 50 hosts).</summary>
    Full,
}
