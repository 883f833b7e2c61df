namespace Stagecraft.Cli.Rendering;

internal enum OutputFormat
{
    Text,
    Json,
}
