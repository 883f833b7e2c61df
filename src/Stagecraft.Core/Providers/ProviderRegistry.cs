namespace Stagecraft.Core.Providers;

/// <summary>Providers by id, in registration order. Built in the composition root; empty or duplicate ids are rejected.</summary>
public sealed class ProviderRegistry<T>
    where T : class, IProviderRegistration
{
    private readonly List<T> providers = [];

    public ProviderRegistry(IEnumerable<T> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        foreach (var provider in providers)
        {
            if (string.IsNullOrWhiteSpace(provider.Id))
            {
                throw new ArgumentException("a provider id must not be empty", nameof(providers));
            }

            if (this.providers.Any(p => string.Equals(p.Id, provider.Id, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"provider id '{provider.Id}' is registered twice", nameof(providers));
            }

            this.providers.Add(provider);
        }
    }

    /// <summary>Registered ids in registration order.</summary>
    public IReadOnlyList<string> Ids => [.. providers.Select(p => p.Id)];

    public T? Find(string id) => providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
