namespace Stagecraft.Core.Configuration;

/// <summary>
/// <c>infra.bootstrap.ssh</c>. Paths are already <c>~</c>-expanded. <see cref="CommandTimeout"/>, when set, caps every
/// remote command's own timeout (the effective timeout is the smaller of the two); null leaves each command's timeout.
/// </summary>
/// <param name="PrivateKeyPath">
/// The key file; null only with <paramref name="Agent"/> and no <c>private_key_path</c> (the agent's keys alone are used).
/// </param>
/// <param name="Agent">
/// <c>agent: true</c>: the keys of the ssh-agent at <c>SSH_AUTH_SOCK</c> are tried first, then the key file.
/// </param>
/// <param name="PrivateKeyPassphraseEnv">The NAME of the environment variable holding the key file's passphrase.</param>
public sealed record SshSettings(
    string User,
    int Port,
    string? PrivateKeyPath,
    string KnownHostsFile,
    TimeSpan ReadyTimeout,
    TimeSpan? CommandTimeout = null,
    bool Agent = false,
    string? PrivateKeyPassphraseEnv = null)
{
    public const string Section = "infra.bootstrap.ssh";

    /// <summary>
    /// Where the keys were written (see <see cref="ConfigPlaces"/>, keyed by full key path such as
    /// <c>infra.bootstrap.ssh.private_key_path</c>). Not part of equality: two settings saying the same are equal.
    /// </summary>
    public ConfigPlaces Places { get; init; } = ConfigPlaces.None;

    public bool UserIsRoot => string.Equals(User, "root", StringComparison.Ordinal);

    /// <summary>The full key path of <paramref name="key"/>, e.g. <c>infra.bootstrap.ssh.agent</c>.</summary>
    public static string KeyPath(string key) => $"{Section}.{key}";

    /// <summary>The timeout a command with its own <paramref name="commandTimeout"/> actually gets.</summary>
    public TimeSpan EffectiveCommandTimeout(TimeSpan commandTimeout) =>
        CommandTimeout is { } cap && cap < commandTimeout ? cap : commandTimeout;

    /// <summary>One line blaming the key <paramref name="key"/> (e.g. <c>private_key_path</c>), with its place when written.</summary>
    public string Describe(string key, string problem) => Places.Describe(KeyPath(key), problem);

    public bool Equals(SshSettings? other) =>
        other is not null &&
        string.Equals(User, other.User, StringComparison.Ordinal) &&
        Port == other.Port &&
        string.Equals(PrivateKeyPath, other.PrivateKeyPath, StringComparison.Ordinal) &&
        string.Equals(KnownHostsFile, other.KnownHostsFile, StringComparison.Ordinal) &&
        ReadyTimeout == other.ReadyTimeout &&
        CommandTimeout == other.CommandTimeout &&
        Agent == other.Agent &&
        string.Equals(PrivateKeyPassphraseEnv, other.PrivateKeyPassphraseEnv, StringComparison.Ordinal);

    public override int GetHashCode() =>
        HashCode.Combine(User, Port, PrivateKeyPath, KnownHostsFile, ReadyTimeout, CommandTimeout, Agent, PrivateKeyPassphraseEnv);
}
