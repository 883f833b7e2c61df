namespace Stagecraft.Benchmarks;

/// <summary>One measured <c>infra up</c>: <see cref="Hosts"/> new hosts in <see cref="Mode"/>.</summary>
internal sealed record Scenario(BenchmarkMode Mode, int Hosts, int? Parallelism = null)
{
    public string ModeName => Mode == BenchmarkMode.Sequential ? "sequential (--parallelism 1)"
        : Parallelism is { } p ? $"--parallelism {p}" : "default parallelism";

    public string Label => $"{(Mode == BenchmarkMode.Sequential ? "seq" : "def")}-{Hosts}";
}
