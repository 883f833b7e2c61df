using System.Globalization;

namespace Stagecraft.Benchmarks;

/// <summary>Command line of the benchmark (see <see cref="Usage"/>).</summary>
internal sealed record BenchmarkSettings(
    string RepositoryRoot,
    string WorkDirectory,
    IReadOnlyList<int> Sizes,
    LatencyProfile Latency,
    TimeSpan SequentialLimit,
    string? MarkdownOutput)
{
    public const string Usage =
        "usage: Stagecraft.Benchmarks --work DIR [--repo DIR] [--sizes 1,10,50] [--boot-delay 3] [--ssh-delay 1]\n" +
        "                             [--response-delay 1] [--sequential-limit 300] [--markdown FILE]\n" +
        "  delays and limits are in seconds; needs root (test hosts) and /usr/bin/time";

    /// <summary>The most hosts one run may use: test hosts live on 127.0.0.10 … 127.0.0.59.</summary>
    public const int MaxHosts = 50;

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        string? repository = null;
        string? work = null;
        string? markdown = null;
        IReadOnlyList<int> sizes = [1, 10, 50];
        var boot = TimeSpan.FromSeconds(3);
        var ssh = TimeSpan.FromSeconds(1);
        var response = TimeSpan.FromSeconds(1);
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
                case "--boot-delay": boot = Seconds(flag, Value()); break;
                case "--ssh-delay": ssh = Seconds(flag, Value()); break;
                case "--response-delay": response = Seconds(flag, Value()); break;
                case "--sequential-limit": sequentialLimit = Seconds(flag, Value()); break;
                default: throw new ArgumentException($"unknown argument '{flag}'");
            }
        }

        if (work is null)
        {
            throw new ArgumentException("--work is required");
        }

        return new BenchmarkSettings(
            Path.GetFullPath(repository ?? FindRepositoryRoot()),
            Path.GetFullPath(work),
            sizes,
            new LatencyProfile(boot, ssh, response),
            sequentialLimit,
            markdown is null ? null : Path.GetFullPath(markdown));
    }

    private static List<int> ParseSizes(string value)
    {
        var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxHosts
                ? n
                : throw new ArgumentException($"--sizes: '{s}' is not a host count between 1 and {MaxHosts}"))
            .Distinct()
            .Order()
            .ToList();
        return sizes.Count > 0 ? sizes : throw new ArgumentException("--sizes is empty");
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
