using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Stagecraft.Core.Testing;

/// <summary>
/// The published JSON Schemas of the reports (docs/schema), for checking that a report conforms. The static members
/// check the <c>infra up</c> report; <see cref="For"/> gives the schema of another command's report.
/// </summary>
public sealed class ReportSchema
{
    public const string RelativePath = "docs/schema/infra-report.schema.json";

    private static readonly ConcurrentDictionary<string, ReportSchema> Loaded = new(StringComparer.Ordinal);

    private readonly Lazy<JsonSchema> schema;

    private ReportSchema(string relativePath)
    {
        Path = relativePath;
        schema = new(() => JsonSchema.FromFile(System.IO.Path.Combine(SharedFiles.RepositoryRoot, relativePath)));
    }

    /// <summary>The schema's path from the repository root.</summary>
    public string Path { get; }

    /// <summary>The schema at <paramref name="relativePath"/> (from the repository root), loaded once.</summary>
    public static ReportSchema For(string relativePath) => Loaded.GetOrAdd(relativePath, p => new ReportSchema(p));

    /// <summary>Every way <paramref name="json"/> breaks the <c>infra up</c> schema; empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(string json) => For(RelativePath).ErrorsIn(json);

    /// <summary>Throws, naming every problem, when <paramref name="json"/> does not conform to the <c>infra up</c> schema.</summary>
    public static void EnsureValid(string json) => For(RelativePath).Validate(json);

    /// <summary>Every way <paramref name="json"/> breaks this schema (instance location, keyword and message); empty when it conforms.</summary>
    public IReadOnlyList<string> ErrorsIn(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? [result]).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>Throws, naming every problem, when <paramref name="json"/> does not conform to this schema.</summary>
    public void Validate(string json)
    {
        var errors = ErrorsIn(json);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"report does not match {Path}:\n{string.Join("\n", errors)}\n{json}");
        }
    }
}
