using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Rendering;

/// <summary>
/// What every lifecycle command's JSON document shares: one indented object with <c>\n</c> line endings and a final
/// newline, the same head (<c>format_version</c>, <c>command</c>, <c>project</c>, <c>environment</c>, providers), the
/// unmanaged list, and the same tail (<c>error</c>, <c>exit_code</c>). Each renderer writes only its own fields.
/// </summary>
internal static class CommandJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The head, then <paramref name="body"/>, then the error and exit code.</summary>
    public static string Render(CommandHead head, ReportError? error, int exitCode, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(body);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format_version", JsonReportRenderer.FormatVersion);
            writer.WriteString("command", head.Command);
            writer.WriteString("project", head.Project);
            writer.WriteString("environment", head.Environment);
            writer.WriteString("cloud_provider", head.CloudProvider);
            writer.WriteString("network_provider", head.NetworkProvider);
            body(writer);
            WriteError(writer, error);
            writer.WriteNumber("exit_code", exitCode);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary><c>"unmanaged": [{"id", "name"}]</c>, in the order given.</summary>
    public static void WriteUnmanaged(Utf8JsonWriter writer, IEnumerable<UnmanagedResource> unmanaged)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray("unmanaged");
        foreach (var resource in unmanaged)
        {
            writer.WriteStartObject();
            writer.WriteString("id", resource.Id);
            writer.WriteString("name", resource.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteError(Utf8JsonWriter writer, ReportError? error)
    {
        if (error is null)
        {
            writer.WriteNull("error");
            return;
        }

        writer.WriteStartObject("error");
        writer.WriteString("kind", error.KindName);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }
}

/// <summary>The head every lifecycle command's JSON document starts with.</summary>
internal sealed record CommandHead(string Command, string Project, string Environment, string CloudProvider, string NetworkProvider);
