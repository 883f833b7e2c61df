namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// A failed API call after the retry policy gave up. <see cref="Exception.Message"/> is complete and operator-ready
/// ("digitalocean provider: GET /v2/droplets failed after 5 attempts: HTTP 503 server_error (request id abc): …")
/// and never contains the token.
/// </summary>
internal sealed class DigitalOceanApiException : Exception
{
    public DigitalOceanApiException(string message, int? statusCode, string? errorId, string? requestId, bool isAmbiguous, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorId = errorId;
        RequestId = requestId;
        IsAmbiguous = isAmbiguous;
    }

    public DigitalOceanApiException()
    {
    }

    public DigitalOceanApiException(string message)
        : base(message)
    {
    }

    public DigitalOceanApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status, or null for a transport error or timeout.</summary>
    public int? StatusCode { get; }

    public string? ErrorId { get; }

    public string? RequestId { get; }

    /// <summary>True when a non-idempotent request may or may not have taken effect (5xx, timeout, connection lost).</summary>
    public bool IsAmbiguous { get; }
}
