namespace Stagecraft.Core.Providers;

/// <summary>A network provider's bound settings. Core needs the tags to compute each host's tag list.</summary>
public interface INetworkProviderSettings
{
    IReadOnlyList<string> DefaultTags { get; }

    IReadOnlyDictionary<string, IReadOnlyList<string>> RoleTags { get; }
}
