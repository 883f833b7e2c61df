namespace Stagecraft.Core.Configuration;

/// <summary><c>infra.bootstrap.ssh</c>. Paths are already <c>~</c>-expanded.</summary>
public sealed record SshSettings(string User, int Port, string PrivateKeyPath, string KnownHostsFile, TimeSpan ReadyTimeout)
{
    public bool UserIsRoot => string.Equals(User, "root", StringComparison.Ordinal);
}
