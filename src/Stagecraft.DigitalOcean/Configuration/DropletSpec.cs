using Stagecraft.Core.Configuration;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>One declared host with everything DigitalOcean needs to create it (size, region, image already resolved).</summary>
internal sealed record DropletSpec(string Name, string Role, string Size, string Region, string Image, ConfigMark Mark);
