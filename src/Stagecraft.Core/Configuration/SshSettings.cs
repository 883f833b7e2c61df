namespace Stagecraft.Core.Configuration;

/// <summary>
/// <c>infra.bootstrap.ssh</c>. Paths are already <c>~</c>-expanded. <see cref="CommandTimeout"/>, when set, caps every
/// remote command's own timeout (the effective timeout is the smaller of the two); null leaves each command's timeout.
/// </summary>
public sealed record SshSettings(string User, int Port, string PrivateKeyPath, string KnownHostsFile, TimeSpan ReadyTimeout, TimeSpan? CommandTimeout = null)
{
    public bool UserIsRoot => string.Equals(User, "root", StringComparison.Ordinal);

    /// <summary>The timeout a command with its own <paramref name="commandTimeout"/> actually gets.</summary>
    public TimeSpan EffectiveCommandTimeout(TimeSpan commandTimeout) =>
        CommandTimeout is { } cap && cap < commandTimeout ? cap : commandTimeout;
}
