namespace Stagecraft.Core.Engine;

/// <summary>What the user asked for; built by the CLI from its parse result.</summary>
public sealed record InfraUpRequest(string ConfigPath, string? Environment, bool DryRun, bool NoBootstrap, int Parallelism)
{
    public const int DefaultParallelism = 64;
}
