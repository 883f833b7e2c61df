namespace Stagecraft.Core.Providers;

/// <summary>
/// A cloud provider failure (exit code 2). The message starts with the provider id ("digitalocean provider: …"),
/// says what failed and what to do, and never contains a secret. <see cref="KnownHosts"/> holds what exists;
/// <see cref="HostFailures"/> says, per declared host name, why a host that does not exist was not provisioned
/// (hosts in neither are reported with the failure's message).
/// </summary>
public sealed class CloudProviderException : Exception
{
    public CloudProviderException(
        string message,
        IReadOnlyList<ProvisionedHost>? knownHosts = null,
        Exception? innerException = null,
        IReadOnlyDictionary<string, string>? hostFailures = null)
        : base(message, innerException)
    {
        KnownHosts = knownHosts ?? [];
        HostFailures = hostFailures ?? new Dictionary<string, string>(StringComparer.Ordinal);
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

    /// <summary>Host name → one-line reason it was not provisioned.</summary>
    public IReadOnlyDictionary<string, string> HostFailures { get; }
}
