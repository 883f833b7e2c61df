namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary>The error body of every 4xx/5xx: <c>{"id","message","request_id"}</c>.</summary>
internal sealed class ErrorResponse
{
    public string? Id { get; init; }

    public string? Message { get; init; }

    public string? RequestId { get; init; }
}
