using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

public sealed record FakeNetworkSettings(IReadOnlyList<string> DefaultTags, IReadOnlyDictionary<string, IReadOnlyList<string>> RoleTags, string Domain) : INetworkProviderSettings;
