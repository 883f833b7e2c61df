using System.Text.Json;

namespace Stagecraft.Core.Bootstrap;

/// <summary>Reads <c>docker version --format '{{json .}}'</c>: usable only when <c>Server</c> is an object.</summary>
public sealed record DockerVersion(string ClientVersion, string? ServerVersion)
{
    public bool DaemonUsable => ServerVersion is not null;

    /// <returns>The parsed versions, or null when the output is not the expected JSON.</returns>
    public static DockerVersion? TryParse(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output.Trim());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var client = root.TryGetProperty("Client", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("Version", out var cv) && cv.ValueKind == JsonValueKind.String
                ? cv.GetString()!
                : string.Empty;
            string? server = root.TryGetProperty("Server", out var s) && s.ValueKind == JsonValueKind.Object
                ? (s.TryGetProperty("Version", out var sv) && sv.ValueKind == JsonValueKind.String ? sv.GetString()! : string.Empty)
                : null;
            return new DockerVersion(client, server);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
