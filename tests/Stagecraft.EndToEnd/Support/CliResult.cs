using System.Text.Json;
using Stagecraft.Core.Testing;

namespace Stagecraft.EndToEnd.Support;

/// <summary>A finished CLI run: exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The JSON report on stdout (runs with <c>--output json</c>).</summary>
    public JsonElement Report()
    {
        try
        {
            using var document = JsonDocument.Parse(StandardOutput);
            // Every report an end-to-end test reads is also checked against the published schema.
            ReportSchema.EnsureValid(StandardOutput);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"stdout is not one JSON document ({exception.Message}):\n{this}", exception);
        }
    }

    /// <summary>The report entry of the host named <paramref name="name"/> (the config name, e.g. <c>app-1</c>).</summary>
    public JsonElement Host(string name)
    {
        foreach (var host in Report().GetProperty("hosts").EnumerateArray())
        {
            if (host.GetProperty("name").GetString() == name)
            {
                return host;
            }
        }

        throw new InvalidOperationException($"no host '{name}' in the report:\n{this}");
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
