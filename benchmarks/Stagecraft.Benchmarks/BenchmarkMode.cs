namespace Stagecraft.Benchmarks;

/// <summary>How the CLI is asked to bootstrap: one host at a time, or with its default parallelism.</summary>
internal enum BenchmarkMode
{
    Default,
    Sequential,
}
