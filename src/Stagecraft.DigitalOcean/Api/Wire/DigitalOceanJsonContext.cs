using System.Text.Json.Serialization;

namespace Stagecraft.DigitalOcean.Api.Wire;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DropletListResponse))]
[JsonSerializable(typeof(DropletResponse))]
[JsonSerializable(typeof(CreateDropletsResponse))]
[JsonSerializable(typeof(CreateDropletsRequest))]
[JsonSerializable(typeof(SshKeyListResponse))]
[JsonSerializable(typeof(ActionResponse))]
[JsonSerializable(typeof(DropletActionRequest))]
[JsonSerializable(typeof(TagResourcesRequest))]
[JsonSerializable(typeof(CreateTagRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(SizeListResponse))]
[JsonSerializable(typeof(RegionListResponse))]
[JsonSerializable(typeof(ImageResponse))]
[JsonSerializable(typeof(FirewallDto))]
[JsonSerializable(typeof(VpcListResponse))]
[JsonSerializable(typeof(ProjectListResponse))]
[JsonSerializable(typeof(ProjectResourcesResponse))]
[JsonSerializable(typeof(AssignResourcesRequest))]
[JsonSerializable(typeof(FirewallResponse))]
[JsonSerializable(typeof(FirewallListResponse))]
internal sealed partial class DigitalOceanJsonContext : JsonSerializerContext;
