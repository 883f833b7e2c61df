namespace Stagecraft.DigitalOcean.Api;

/// <summary>Which failures a request may be re-sent after.</summary>
internal enum RetryMode
{
    /// <summary>Safe to repeat: retried on 429, 5xx (not 501), transport errors and timeouts.</summary>
    Idempotent,

    /// <summary>Not safe to repeat (droplet create): retried only on 429, where nothing happened. Other failures are ambiguous.</summary>
    OnlyWhenRejected,
}
