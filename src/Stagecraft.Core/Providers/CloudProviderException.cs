namespace Stagecraft.Core.Providers;

/// <summary>
/// A cloud provider failure (exit code 2). The message starts with the provider id ("digitalocean provider: …"),
/// says what failed and what to do, and never contains a secret. <see cref="KnownHosts"/> holds what exists.
/// </summary>
public sealed class CloudProviderException : Exception
{
    public CloudProviderException(string message, IReadOnlyList<ProvisionedHost>? knownHosts = null, Exception? innerException = null)
        : base(message, innerException)
    {
        KnownHosts = knownHosts ?? [];
    }

    public CloudProviderException()
        : this("cloud provider failure")
    {
    }

    public CloudProviderException(string message)
        : this(message, null, null)
    {
    }

    public CloudProviderException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    public IReadOnlyList<ProvisionedHost> KnownHosts { get; }
}
