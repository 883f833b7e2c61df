namespace Stagecraft.Benchmarks;

/// <summary>What a DigitalOcean API request was for, by method and path.</summary>
internal enum RequestClass
{
    /// <summary><c>GET /v2/account/keys…</c></summary>
    SshKeys,

    /// <summary><c>GET /v2/droplets?tag_name=…</c>: the plan's list and one per wait poll.</summary>
    ListByTag,

    /// <summary><c>GET /v2/droplets?name=…</c>: looking up one droplet by exact name.</summary>
    ListByName,

    /// <summary>Any other <c>GET /v2/droplets</c> list.</summary>
    ListOther,

    /// <summary><c>GET /v2/droplets/{id}</c></summary>
    GetDroplet,

    /// <summary><c>POST /v2/droplets</c></summary>
    CreateDroplets,

    /// <summary><c>POST /v2/tags…</c></summary>
    Tags,

    /// <summary>Droplet actions and anything else.</summary>
    Other,
}
