using Stagecraft.Core.Configuration;
using Stagecraft.Core.Preflight;

namespace Stagecraft.Core.Remote;

/// <summary>Builds the remote ports from <c>infra.bootstrap.ssh</c>. Throws <see cref="ConfigException"/> when the key cannot be used.</summary>
public interface IRemoteAccessFactory
{
    RemoteAccess Create(SshSettings settings);

    /// <summary>The verify-only connector for read-only commands: checks host keys against the pins, never pins.</summary>
    IVerifiedSessionFactory CreateVerifyOnly(SshSettings settings);

    /// <summary>
    /// Read-only local checks of <c>infra.bootstrap.ssh</c> (key readable and parses, passphrase available, agent
    /// reachable, known_hosts writable), all at once, as <see cref="PreflightScope.Local"/> findings; and the public
    /// halves of the keys that loaded.
    /// </summary>
    Task<LocalPreflight> PreflightAsync(SshSettings settings, CancellationToken cancellationToken);
}
