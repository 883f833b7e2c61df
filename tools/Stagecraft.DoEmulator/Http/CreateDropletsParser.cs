using System.Globalization;
using System.Text.Json;
using Stagecraft.DoEmulator.Model;

namespace Stagecraft.DoEmulator.Http;

/// <summary>Checks the shape of a <c>POST /v2/droplets</c> body (single <c>name</c> or multi <c>names</c>).</summary>
internal static class CreateDropletsParser
{
    public const int MaxUserDataBytes = 64 * 1024;

    private const string PayloadInvalid = "request payload validation failed";
    private const string InvalidName = "Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)";

    public static CreateDropletsCommand Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Unprocessable(PayloadInvalid);
        }

        var hasName = body.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.Null;
        var hasNames = body.TryGetProperty("names", out var names) && names.ValueKind != JsonValueKind.Null;
        if (hasName == hasNames)
        {
            throw ApiException.Unprocessable(PayloadInvalid);
        }

        List<string> requested = hasName ? [RequireString(name)] : StringArray(names);
        if (requested.Count == 0)
        {
            throw ApiException.Unprocessable(PayloadInvalid);
        }

        if (requested.Count > CloudState.MaxNamesPerRequest)
        {
            throw ApiException.Unprocessable($"You may only create up to {CloudState.MaxNamesPerRequest} Droplets at once.");
        }

        if (requested.Any(n => !CloudState.IsValidDropletName(n)))
        {
            throw ApiException.Unprocessable(InvalidName);
        }

        var size = OptionalString(body, "size") ?? throw ApiException.Unprocessable("You specified an invalid size for Droplet creation.");
        var (imageSlug, imageId) = ParseImage(body);
        var tags = body.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind != JsonValueKind.Null
            ? StringArray(tagsElement)
            : [];
        var invalidTag = tags.FirstOrDefault(t => !CloudState.IsValidTagName(t));
        if (invalidTag is not null)
        {
            throw ApiException.Unprocessable($"tag-name \"{invalidTag}\" contains invalid characters");
        }

        var userData = OptionalString(body, "user_data");
        if (userData is not null && System.Text.Encoding.UTF8.GetByteCount(userData) > MaxUserDataBytes)
        {
            throw ApiException.Unprocessable("user_data is limited to 64 KiB.");
        }

        var ipv6 = OptionalBool(body, "ipv6") ?? false;
        var publicNetworking = OptionalBool(body, "public_networking") ?? true;
        if (!publicNetworking && ipv6)
        {
            throw ApiException.Unprocessable("ipv6 requires public_networking.");
        }

        _ = OptionalBool(body, "private_networking");
        _ = OptionalBool(body, "with_droplet_agent");
        return new CreateDropletsCommand(
            requested,
            hasNames,
            size,
            imageSlug,
            imageId,
            OptionalString(body, "region"),
            SshKeys(body),
            tags,
            ipv6,
            OptionalBool(body, "monitoring") ?? false,
            OptionalBool(body, "backups") ?? false,
            publicNetworking,
            OptionalString(body, "vpc_uuid"),
            body.TryGetProperty("volumes", out var volumes) && volumes.ValueKind != JsonValueKind.Null ? StringArray(volumes) : [])
        {
            UserData = userData,
        };
    }

    private static (string? Slug, long? Id) ParseImage(JsonElement body)
    {
        if (!body.TryGetProperty("image", out var image) || image.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.Unprocessable("You specified an invalid image for Droplet creation.");
        }

        return image.ValueKind switch
        {
            JsonValueKind.String => (image.GetString(), null),
            JsonValueKind.Number when image.TryGetInt64(out var id) => (null, id),
            _ => throw ApiException.Unprocessable(PayloadInvalid),
        };
    }

    private static List<string> SshKeys(JsonElement body)
    {
        if (!body.TryGetProperty("ssh_keys", out var keys) || keys.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (keys.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Unprocessable(PayloadInvalid);
        }

        return
        [
            .. keys.EnumerateArray().Select(k => k.ValueKind switch
            {
                JsonValueKind.String => k.GetString()!,
                JsonValueKind.Number when k.TryGetInt64(out var id) => id.ToString(CultureInfo.InvariantCulture),
                _ => throw ApiException.Unprocessable(PayloadInvalid),
            }),
        ];
    }

    private static string RequireString(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw ApiException.Unprocessable(PayloadInvalid);

    private static List<string> StringArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
            ? [.. element.EnumerateArray().Select(RequireString)]
            : throw ApiException.Unprocessable(PayloadInvalid);

    private static string? OptionalString(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? RequireString(value) : null;

    private static bool? OptionalBool(JsonElement body, string property)
    {
        if (!body.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiException.Unprocessable(PayloadInvalid),
        };
    }
}
