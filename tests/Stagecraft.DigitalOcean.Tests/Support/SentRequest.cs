namespace Stagecraft.DigitalOcean.Tests.Support;

internal sealed record SentRequest(string Method, string PathAndQuery, string? Body, string? AuthorizationScheme);
