using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Bootstrap;

public static class OsCommands
{
    public static RemoteCommand ReadOsRelease() => new(["cat", "/etc/os-release"]) { Timeout = TimeSpan.FromSeconds(30) };
}
