using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

public sealed record FakeCloudSettings(IReadOnlyDictionary<string, IReadOnlyList<HostSpec>> Environments) : ICloudProviderSettings;
