using System.Diagnostics;
using System.Security.Cryptography;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd.Release;

/// <summary>
/// <c>scripts/release.sh</c> for linux-x64 (the other four RIDs only on a release: they add minutes, not coverage):
/// the archive holds the one executable and the README, SHA256SUMS matches it, and the published binary (Native AOT,
/// trimmed) does a real <c>infra up</c> against the emulator and an SSH test host. Trimming bugs show only at run
/// time: this run creates a droplet (source-generated JSON), bootstraps over SSH and sends the Tailscale auth key on
/// stdin through the SSH.NET members kept by ILLink.Descriptors.xml.
/// </summary>
[Collection(DotnetBuildTests.Name)]
public sealed class ReleaseBinaryTests : IDisposable
{
    private const string Version = "0.0.0-e2e";
    private const string Name = "stagecraft-" + Version + "-linux-x64";

    private static readonly string[] Ips = ["127.0.15.1"];

    private static readonly Dictionary<string, string> NoVariables = [];

    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-release-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ReleaseLinuxX64_PublishedBinary_ChecksOutAndBringsUpAHost()
    {
        var archives = Path.Combine(directory, "out");
        var release = await RunAsync(Path.Combine(RepositoryRoot(), "scripts", "release.sh"), new Dictionary<string, string> { ["RELEASE_OUT"] = archives }, Version, "linux-x64");
        Assert.True(release.ExitCode == 0, release.Output);

        // SHA256SUMS lists the archive and the tool package, with their real digests.
        var archive = Path.Combine(archives, Name + ".tar.gz");
        var package = Path.Combine(archives, $"stagecraft.{Version}.nupkg");
        Assert.Equal(
            $"{await DigestAsync(archive)}  {Name}.tar.gz\n{await DigestAsync(package)}  stagecraft.{Version}.nupkg\n",
            await File.ReadAllTextAsync(Path.Combine(archives, "SHA256SUMS")));
        Assert.Equal(["SHA256SUMS", Name + ".tar.gz", $"stagecraft.{Version}.nupkg"], Directory.GetFiles(archives).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Only the executable and the README: no pdb, no .dbg, no satellite assembly, no runtime beside it.
        var listing = await RunAsync("tar", NoVariables, "-tzf", archive);
        Assert.Equal($"{Name}/\n{Name}/README.md\n{Name}/stagecraft\n", listing.Output);
        var unpacked = Path.Combine(directory, "unpacked");
        Directory.CreateDirectory(unpacked);
        Assert.Equal(0, (await RunAsync("tar", NoVariables, "-xzf", archive, "-C", unpacked)).ExitCode);
        var binary = Path.Combine(unpacked, Name, "stagecraft");

        var version = await RunAsync(binary, NoVariables);
        Assert.Equal(1, version.ExitCode); // no command: usage
        version = await RunAsync(binary, NoVariables, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^0\.0\.0-e2e(\+[0-9a-f]+)?\n$", version.Output);
        var help = await RunAsync(binary, NoVariables, "infra", "up", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("stagecraft infra up --config stagecraft.yml --env staging", help.Output, StringComparison.Ordinal);

        // A real run: create, wait, SSH, Docker, Tailscale join (the auth key on stdin), JSON report.
        await using var world = await EndToEndWorld.CreateAsync(Ips, TimeSpan.FromSeconds(1));
        world.Executable = binary;
        world.WriteConfig([new ConfigHost("app-1", "app")]);

        var up = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(up.ExitCode == 0, up.ToString());
        var host = up.Host("app-1");
        Assert.Equal("created", host.GetProperty("provisioning").GetString());
        Assert.Equal("127.0.15.1", host.GetProperty("public_ip").GetString());
        Assert.Equal("success", host.GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Equal("staging-app-1.example.ts.net", host.GetProperty("mesh_fqdn").GetString());
        Assert.DoesNotContain(world.AuthKey, up.StandardOutput + up.StandardError, StringComparison.Ordinal);

        var again = await world.RunInfraUpAsync();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(
            "app-1  staging-app-1  id 3000000001  ip 127.0.15.1  unchanged  bootstrap success\n" +
            "summary: environment staging: 0 created, 1 unchanged, 0 reconciled, 0 drifted; bootstrap: 1 succeeded, 0 failed, 0 skipped\n",
            again.StandardOutput);

        // The completion the shells call: environment names from the config, through the trimmed config loader.
        var line = $"stagecraft infra hosts --config {world.ConfigPath} --env ";
        var suggest = await RunAsync(binary, NoVariables, $"[suggest:{line.Length}]", line);
        Assert.Equal((0, "staging\n"), suggest);
    }

    private static async Task<string> DigestAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
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

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
