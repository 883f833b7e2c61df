namespace Stagecraft.DoEmulator;

/// <summary>One served request. The Authorization header is never recorded.</summary>
public sealed record EmulatorRequest(string Method, string PathAndQuery, int StatusCode);
