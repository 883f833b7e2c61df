namespace Stagecraft.DigitalOcean.Api;

/// <summary>A successful (2xx) response, body already read.</summary>
internal sealed record ApiResponse(int StatusCode, byte[] Body, string? RequestId);
