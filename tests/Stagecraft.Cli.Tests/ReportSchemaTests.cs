using System.Text.Json.Nodes;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>The published report schema (docs/schema/infra-report.schema.json) against the reports the CLI prints.</summary>
public sealed class ReportSchemaTests
{
    public static TheoryData<string> GoldenReports =>
        [.. Directory.GetFiles(Path.Combine(SharedFiles.RepositoryRoot, "tests", "Stagecraft.Cli.Tests", "Golden"), "*.json.verified.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(GoldenReports))]
    public void EveryGoldenJsonReport_MatchesTheSchema(string file)
    {
        var json = File.ReadAllText(Path.Combine(SharedFiles.RepositoryRoot, "tests", "Stagecraft.Cli.Tests", "Golden", file));

        // Each command's goldens are named after it (hosts-*.json, down-*.json, status-*.json); the rest are infra up reports.
        var schema = file.StartsWith("hosts-", StringComparison.Ordinal) ? ReportSchema.For("docs/schema/infra-hosts-report.schema.json")
            : file.StartsWith("down-", StringComparison.Ordinal) ? ReportSchema.For("docs/schema/infra-down-report.schema.json")
            : file.StartsWith("status-", StringComparison.Ordinal) ? ReportSchema.For("docs/schema/infra-status-report.schema.json")
            : ReportSchema.For(ReportSchema.RelativePath);
        Assert.Empty(schema.ErrorsIn(json));
        Assert.Equal(1, (int)JsonNode.Parse(json)!["format_version"]!);
    }

    [Fact]
    public void Schema_RejectsAReportWithoutFormatVersionAnUnknownKeyOrAnUndocumentedErrorCode()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFiles.RepositoryRoot, "tests", "Stagecraft.Cli.Tests", "Golden", "mixed.json.verified.txt")))!;
        json.AsObject().Remove("format_version");
        json["surprise"] = true;
        json["hosts"]![2]!["bootstrap"]!["error_code"] = "docker_on_fire";

        var errors = ReportSchema.Errors(json.ToJsonString());

        Assert.Contains(errors, e => e.Contains("format_version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/hosts/2/bootstrap/error_code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("additionalProperties", StringComparison.Ordinal) || e.Contains("surprise", StringComparison.Ordinal));
    }
}
