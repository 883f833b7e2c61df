using Renci.SshNet;

namespace Stagecraft.Ssh;

/// <summary>
/// The order in which a connection offers key exchanges and ciphers: the cheapest safe ones first. SSH picks the
/// client's first choice that the server also offers, so nothing is removed, only reordered; host key algorithms and
/// host key checking are untouched.
/// <list type="bullet">
/// <item><b>Key exchange</b>: <c>mlkem768x25519-sha256</c> (post-quantum hybrid, about 1 ms of CPU; OpenSSH 9.9+), then
/// <c>curve25519-sha256</c> (about 1 ms), then SSH.NET's own order. SSH.NET puts <c>sntrup761x25519-sha512</c> before
/// curve25519, and its managed NTRU Prime costs about 75 ms of CPU per connection: three quarters of a fresh host's
/// whole bootstrap on the operator's machine (benchmarks/README.md). It stays on offer, after curve25519, for a server
/// that has nothing else.</item>
/// <item><b>Ciphers</b>: AES-GCM first (authenticated, native AES via the platform's crypto library, no separate MAC),
/// then ChaCha20-Poly1305 (managed), then SSH.NET's order (CTR with an encrypt-then-MAC HMAC, then CBC).</item>
/// </list>
/// </summary>
internal static class SshAlgorithmPreferences
{
    internal static readonly IReadOnlyList<string> KeyExchange =
        ["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org"];

    internal static readonly IReadOnlyList<string> Ciphers =
        ["aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com"];

    /// <summary>Reorders <paramref name="info"/>'s offers in place: the preferred names first (those this SSH.NET has), then the rest in SSH.NET's order.</summary>
    public static void Apply(ConnectionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Reorder(info.KeyExchangeAlgorithms, KeyExchange);
        Reorder(info.Encryptions, Ciphers);
    }

    internal static void Reorder<TValue>(IOrderedDictionary<string, TValue> offers, IReadOnlyList<string> preferred)
    {
        var ordered = preferred.Where(offers.ContainsKey).Select(name => KeyValuePair.Create(name, offers[name]))
            .Concat(offers.Where(offer => !preferred.Contains(offer.Key)))
            .ToList();
        offers.Clear();
        foreach (var (name, value) in ordered)
        {
            offers.Add(name, value);
        }
    }
}
