using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Remote;

/// <summary>Builds the remote ports from <c>infra.bootstrap.ssh</c>. Throws <see cref="ConfigException"/> when the key cannot be used.</summary>
public interface IRemoteAccessFactory
{
    RemoteAccess Create(SshSettings settings);
}
