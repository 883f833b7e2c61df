namespace Stagecraft.Core.Providers;

/// <summary>The network provider cannot be used at all (exit code 3, a global bootstrap failure).</summary>
public sealed class NetworkProviderException : Exception
{
    public NetworkProviderException()
    {
    }

    public NetworkProviderException(string message)
        : base(message)
    {
    }

    public NetworkProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
