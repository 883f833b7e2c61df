using System.Globalization;

namespace Stagecraft.Benchmarks;

/// <summary>Command line of the benchmark (see <see cref="Usage"/>).</summary>
internal sealed record BenchmarkSettings(
    string RepositoryRoot,
    string WorkDirectory,
    IReadOnlyList<int> Sizes,
    LatencyProfile Latency,
    TimeSpan SequentialLimit,
    string? MarkdownOutput,
    FleetKind Fleet,
    string? CliAssembly,
    int? Parallelism,
    bool DefaultOnly)
{
    public const string Usage =
        "usage: Stagecraft.Benchmarks --work DIR [--repo DIR] [--sizes 1,20,200,500] [--profile cloud|fast] [--fleet light|full]\n" +
        "                             [--cli PATH/stagecraft.dll|PATH/stagecraft] [--parallelism N] [--default-only]\n" +
        "                             [--boot-delay S] [--ssh-delay S] [--response-delay S] [--install-delay S]\n" +
        "                             [--sequential-limit 300] [--markdown FILE]\n" +
        "  profiles: cloud (default) = boot 25, ssh 5, response 0.3, install 15; fast = boot 3, ssh 1, response 1, install 0\n" +
        "  delays and limits are in seconds; a delay flag overrides the profile's value, in any order\n" +
        "  --fleet light (default; up to 500 hosts, needs a private network namespace: run.sh makes one) or full (one sshd per host, up to 50)\n" +
        "  needs root (test hosts) and /usr/bin/time";

    /// <summary>The most hosts one run of the full fleet may use: test hosts live on 127.0.0.10 … 127.0.0.59.</summary>
    public const int MaxHosts = 50;

    /// <summary>The most hosts one run of the light fleet may use (addresses in 127.1.0.0/16).</summary>
    public const int MaxLightHosts = 500;

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        string? repository = null;
        string? work = null;
        string? markdown = null;
        IReadOnlyList<int>? sizes = null;
        var fleet = FleetKind.Light;
        string? cli = null;
        int? parallelism = null;
        var defaultOnly = false;
        var profile = LatencyProfile.Cloud;
        TimeSpan? boot = null;
        TimeSpan? ssh = null;
        TimeSpan? response = null;
        TimeSpan? install = null;
        var overrides = new List<string>();
        var sequentialLimit = TimeSpan.FromMinutes(5);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value");
            switch (flag)
            {
                case "--repo": repository = Value(); break;
                case "--work": work = Value(); break;
                case "--markdown": markdown = Value(); break;
                case "--sizes": sizes = ParseSizes(Value()); break;
                case "--fleet": fleet = Value() switch { "light" => FleetKind.Light, "full" => FleetKind.Full, var v => throw new ArgumentException($"--fleet: '{v}' is not light or full") }; break;
                case "--cli": cli = Path.GetFullPath(Value()); break;
                case "--parallelism": parallelism = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 512 ? p : throw new ArgumentException("--parallelism must be 1–512"); break;
                case "--default-only": defaultOnly = true; break;
                case "--profile": profile = FindProfile(Value()); break;
                case "--boot-delay": boot = Override(flag, Value(), overrides); break;
                case "--ssh-delay": ssh = Override(flag, Value(), overrides); break;
                case "--response-delay": response = Override(flag, Value(), overrides); break;
                case "--install-delay": install = Override(flag, Value(), overrides); break;
                case "--sequential-limit": sequentialLimit = Seconds(flag, Value()); break;
                default: throw new ArgumentException($"unknown argument '{flag}'");
            }
        }

        if (work is null)
        {
            throw new ArgumentException("--work is required");
        }

        var maxHosts = fleet == FleetKind.Light ? MaxLightHosts : MaxHosts;
        sizes ??= fleet == FleetKind.Light ? [1, 20, 200, 500] : [1, 10, 50];
        if (sizes.Any(n => n > maxHosts))
        {
            throw new ArgumentException($"--sizes: the {(fleet == FleetKind.Light ? "light" : "full")} fleet has at most {maxHosts} hosts");
        }

        return new BenchmarkSettings(
            Path.GetFullPath(repository ?? FindRepositoryRoot()),
            Path.GetFullPath(work),
            sizes,
            new LatencyProfile(
                overrides.Count == 0 ? profile.Name : $"{profile.Name} with {string.Join(' ', overrides)}",
                boot ?? profile.BootDelay,
                ssh ?? profile.SshDelay,
                response ?? profile.ResponseDelay,
                install ?? profile.InstallDelay),
            sequentialLimit,
            markdown is null ? null : Path.GetFullPath(markdown),
            fleet,
            cli,
            parallelism,
            defaultOnly);
    }

    private static List<int> ParseSizes(string value)
    {
        var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLightHosts
                ? n
                : throw new ArgumentException($"--sizes: '{s}' is not a host count between 1 and {MaxLightHosts}"))
            .Distinct()
            .Order()
            .ToList();
        return sizes.Count > 0 ? sizes : throw new ArgumentException("--sizes is empty");
    }

    private static LatencyProfile FindProfile(string name) =>
        LatencyProfile.Named.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"--profile: '{name}' is not one of {string.Join(", ", LatencyProfile.Named.Select(p => p.Name))}");

    /// <summary>A delay flag's value; remembers "--flag value" so the report names what differs from the profile.</summary>
    private static TimeSpan Override(string flag, string value, List<string> overrides)
    {
        var seconds = Seconds(flag, value);
        overrides.RemoveAll(o => o.StartsWith(flag + " ", StringComparison.Ordinal));
        overrides.Add($"{flag} {value}");
        return seconds;
    }

    private static TimeSpan Seconds(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{flag}: '{value}' is not a number of seconds");

    private static string FindRepositoryRoot()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Stagecraft.slnx")))
            {
                return current.FullName;
            }
        }

        throw new ArgumentException("cannot find the repository (Stagecraft.slnx) above the benchmark; pass --repo");
    }
}
