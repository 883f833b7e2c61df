namespace Stagecraft.Ssh;

/// <summary>What known_hosts says about a presented host key.</summary>
internal enum HostKeyCheck
{
    /// <summary>The host has a line with exactly this key.</summary>
    Known,

    /// <summary>The host has no line yet (trust on first use pins it).</summary>
    Unknown,

    /// <summary>The host has lines, none with this key: refuse.</summary>
    Changed,

    /// <summary>An <c>@revoked</c> line matching the host holds this key: refuse, never pin.</summary>
    Revoked,

    /// <summary>Only <c>@cert-authority</c> lines match the host: refuse (host certificates are not checked), never pin.</summary>
    CertificateAuthority,
}
