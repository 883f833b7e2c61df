using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Engine;

namespace Stagecraft.Cli.Commands;

/// <summary>The parsed <c>infra up</c> command line, free of System.CommandLine types.</summary>
internal sealed record InfraUpOptions(InfraUpRequest Request, OutputFormat Output, bool Verbose);
