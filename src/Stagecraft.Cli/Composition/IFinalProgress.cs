using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Composition;

/// <summary>A progress view whose last frame shows where each host ended (from the report), not its last stage.</summary>
internal interface IFinalProgress
{
    void Finish(InfraUpReport report);
}
