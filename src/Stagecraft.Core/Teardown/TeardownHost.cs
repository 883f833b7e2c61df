using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Teardown;

/// <summary>
/// One droplet in the <c>infra down</c> report. <see cref="Name"/> is the config name (empty for an unmanaged droplet);
/// <see cref="Id"/> and <see cref="PublicIp"/> are empty when no droplet exists. <see cref="Leave"/> is null when no
/// leave was due (nothing deleted, or a dry run); <see cref="PinRemoved"/> says whether its known_hosts pin went.
/// </summary>
public sealed record TeardownHost(
    string Name,
    string ResourceName,
    string Role,
    string Id,
    string PublicIp,
    TeardownOutcome Outcome,
    string Message,
    NetworkLeave? Leave,
    bool PinRemoved);
