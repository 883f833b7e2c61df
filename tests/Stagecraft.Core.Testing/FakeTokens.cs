namespace Stagecraft.Core.Testing;

/// <summary>
/// Token-shaped test values: the real prefixes the secret rules must recognise, a body made of repeated pieces, so no
/// literal in the repository looks like a real credential to a secret scanner.
/// </summary>
public static class FakeTokens
{
    private const string Hex16 = "0123456789abcdef";

    /// <summary>A DigitalOcean personal access token's shape: <c>dop_v1_</c> and 64 hex digits.</summary>
    public const string DigitalOcean = "dop" + "_v1_" + Hex16 + Hex16 + Hex16 + Hex16;

    /// <summary>A Tailscale auth key's shape: <c>tskey-auth-</c>, a key id, and a hex secret.</summary>
    public const string TailscaleAuthKey = "tskey" + "-auth-" + "TESTKEYID" + "-" + Hex16 + Hex16;
}
