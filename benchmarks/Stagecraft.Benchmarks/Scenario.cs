namespace Stagecraft.Benchmarks;

/// <summary>One measured <c>infra up</c>: <see cref="Hosts"/> new hosts in <see cref="Mode"/>.</summary>
internal sealed record Scenario(BenchmarkMode Mode, int Hosts)
{
    public string ModeName => Mode == BenchmarkMode.Sequential ? "sequential (--parallelism 1)" : "default (64)";

    public string Label => $"{(Mode == BenchmarkMode.Sequential ? "seq" : "def")}-{Hosts}";
}
