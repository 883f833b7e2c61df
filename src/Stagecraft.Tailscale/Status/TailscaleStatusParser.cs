using System.Text.Json;

namespace Stagecraft.Tailscale.Status;

/// <summary>Maps <c>tailscale status --json</c> output to <see cref="TailscaleStatus"/> leniently; the one place wire DTOs are read.</summary>
internal static class TailscaleStatusParser
{
    /// <returns>The status, or null with <paramref name="error"/> set to a one-line reason (no raw output).</returns>
    public static TailscaleStatus? Parse(string json, out string error)
    {
        ArgumentNullException.ThrowIfNull(json);
        TailscaleStatusDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, TailscaleJsonContext.Default.TailscaleStatusDto);
        }
        catch (JsonException ex)
        {
            error = $"tailscale status --json returned invalid JSON ({Describe(ex)})";
            return null;
        }

        if (dto is null)
        {
            error = "tailscale status --json returned no status object";
            return null;
        }

        error = string.Empty;
        var rawState = dto.BackendState ?? string.Empty;
        var suffix = dto.CurrentTailnet?.MagicDNSSuffix is { Length: > 0 } current ? current : dto.MagicDNSSuffix ?? string.Empty;
        return new TailscaleStatus(
            ParseState(rawState),
            rawState,
            NormaliseDomain(suffix),
            dto.CurrentTailnet?.Name ?? string.Empty,
            dto.Self?.HostName ?? string.Empty,
            (dto.Self?.DNSName ?? string.Empty).TrimEnd('.'),
            [.. (dto.Self?.Tags ?? []).OfType<string>()],
            dto.Self?.Online ?? false,
            [.. (dto.Health ?? []).OfType<string>()]);
    }

    /// <summary>Lowercase, without a leading or trailing dot, so suffixes compare as names.</summary>
    public static string NormaliseDomain(string domain) => domain.Trim().Trim('.').ToLowerInvariant();

    private static TailscaleBackendState ParseState(string text) => text switch
    {
        "NoState" => TailscaleBackendState.NoState,
        "InUseOtherUser" => TailscaleBackendState.InUseOtherUser,
        "NeedsLogin" => TailscaleBackendState.NeedsLogin,
        "NeedsMachineAuth" => TailscaleBackendState.NeedsMachineAuth,
        "Stopped" => TailscaleBackendState.Stopped,
        "Starting" => TailscaleBackendState.Starting,
        "Running" => TailscaleBackendState.Running,
        _ => TailscaleBackendState.Unknown,
    };

    private static string Describe(JsonException ex)
    {
        // The path and position tell an operator where; the message itself may quote input, so keep only a short first line.
        var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine ?? 0}" : "at the start";
        return $"{where}{(ex.Path is { Length: > 1 } path ? $", path {path}" : string.Empty)}";
    }
}
