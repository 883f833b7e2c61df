using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>The packed .NET tool installs into a fresh tool path and runs as <c>stagecraft</c>.</summary>
[Collection(DotnetBuildTests.Name)]
public sealed class PackagingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-pack-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Pack_InstallAsTool_RunsVersionAndHelp()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Stagecraft.Cli", "Stagecraft.Cli.csproj");
        var packages = Path.Combine(directory, "packages");
        var tools = Path.Combine(directory, "tools");

        var pack = await RunAsync("dotnet", "pack", project, "-c", "Debug", "--no-build", "-o", packages, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Directory.GetFiles(packages, "stagecraft.*.nupkg"));

        var install = await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "stagecraft");
        Assert.True(install.ExitCode == 0, install.Output);

        var version = await RunAsync(Path.Combine(tools, "stagecraft"), "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]+)?\n$", version.Output);

        var help = await RunAsync(Path.Combine(tools, "stagecraft"), "infra", "up", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("stagecraft infra up --config stagecraft.yml --env staging", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_WithTheRepositoryUrl_CarriesTheNuGetMetadataAndOnlyWhatTheToolNeeds()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Stagecraft.Cli", "Stagecraft.Cli.csproj");
        var packages = Path.Combine(directory, "packages");

        var pack = await RunAsync("dotnet", "pack", project, "-c", "Debug", "--no-build", "-o", packages, "-nologo", "-p:StagecraftRepositoryUrl=https://example.invalid/stagecraft");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);

        using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(packages, "stagecraft.*.nupkg")));
        XNamespace ns = "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd";
        XDocument nuspec;
        using (var stream = package.GetEntry("stagecraft.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;
        Assert.Equal("stagecraft", Value("id"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("https://example.invalid/stagecraft", Value("projectUrl"));
        Assert.Equal("https://example.invalid/stagecraft", metadata.Element(ns + "repository")!.Attribute("url")!.Value);
        Assert.StartsWith("Turns a stagecraft.yml into running, bootstrapped cloud hosts", Value("description"), StringComparison.Ordinal);
        Assert.Contains("digitalocean", Value("tags").Split(' '));
        Assert.Equal("DotnetTool", metadata.Element(ns + "packageTypes")!.Element(ns + "packageType")!.Attribute("name")!.Value);

        var files = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".resources.dll", StringComparison.Ordinal));
        Assert.Contains("tools/net10.0/any/stagecraft.dll", files);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stagecraft.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Stagecraft.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
