namespace Stagecraft.Core.Secrets;

/// <summary>A secret value (API token, auth key). Renders as [redacted] everywhere; only <see cref="Reveal"/> gives the value.</summary>
public sealed class Secret
{
    public const string Redacted = "[redacted]";
    private readonly string value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    /// <summary>The plain value, for the one place that must send it (an HTTP header, an SSH channel's stdin).</summary>
    public string Reveal() => value;

    public override string ToString() => Redacted;
}
