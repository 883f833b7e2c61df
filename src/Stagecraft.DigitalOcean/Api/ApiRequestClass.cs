namespace Stagecraft.DigitalOcean.Api;

/// <summary>What a request is for, as counted in the request summary. The declaration order is the summary's order.</summary>
internal enum ApiRequestClass
{
    ListDropletsByTag,
    ListDropletsByName,
    ListDroplets,
    CountDroplets,
    GetDroplet,
    CreateDroplets,
    DeleteDroplet,
    DropletActions,
    GetAction,
    Account,
    SshKeys,
    Regions,
    Sizes,
    Images,
    Vpcs,
    Tags,
    Firewalls,
    Projects,
    Other,
}
