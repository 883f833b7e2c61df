namespace Stagecraft.Core.Providers;

/// <summary>Anything a <see cref="ProviderRegistry{T}"/> can hold: it has a stable id.</summary>
public interface IProviderRegistration
{
    string Id { get; }
}
