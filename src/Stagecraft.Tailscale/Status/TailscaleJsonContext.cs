using System.Text.Json.Serialization;

namespace Stagecraft.Tailscale.Status;

/// <summary>Source-generated (de)serialization for the Tailscale wire DTOs. Unknown fields are ignored; names match exactly.</summary>
[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(TailscaleStatusDto))]
internal sealed partial class TailscaleJsonContext : JsonSerializerContext;
