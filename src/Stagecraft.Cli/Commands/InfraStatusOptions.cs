using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Commands;

/// <summary>The parsed <c>infra status</c> command line, free of System.CommandLine types.</summary>
internal sealed record InfraStatusOptions(StatusRequest Request, OutputFormat Output, bool Verbose);
