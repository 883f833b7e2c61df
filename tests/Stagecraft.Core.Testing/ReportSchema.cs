using System.Text.Json;
using Json.Schema;

namespace Stagecraft.Core.Testing;

/// <summary>The published JSON Schema of the <c>infra up</c> report (docs/schema), for checking that a report conforms.</summary>
public static class ReportSchema
{
    public const string RelativePath = "docs/schema/infra-report.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(SharedFiles.RepositoryRoot, RelativePath)));

    /// <summary>Every way <paramref name="json"/> breaks the schema (instance location, keyword and message); empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? [result]).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>Throws, naming every problem, when <paramref name="json"/> does not conform.</summary>
    public static void EnsureValid(string json)
    {
        var errors = Errors(json);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"report does not match {RelativePath}:\n{string.Join("\n", errors)}\n{json}");
        }
    }
}
