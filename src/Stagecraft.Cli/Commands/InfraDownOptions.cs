using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Commands;

/// <summary>The parsed <c>infra down</c> command line, free of System.CommandLine types.</summary>
internal sealed record InfraDownOptions(TeardownRequest Request, OutputFormat Output, bool Verbose);
