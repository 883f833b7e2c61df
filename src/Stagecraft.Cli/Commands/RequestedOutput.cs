using Stagecraft.Cli.Rendering;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// What the command line asked for, read from its tokens without the parser: a command line that does not parse
/// must still get its error as JSON when it says <c>--output json</c> (<c>-o json</c>, <c>--output=json</c>,
/// <c>-o:json</c>, and <c>infra hosts --format json</c> / <c>-f json</c>); the last one given wins, as in the parser.
/// </summary>
internal static class RequestedOutput
{
    public static OutputFormat Format(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string? value = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "--")
            {
                break;
            }

            if (token is "--output" or "-o" or "--format" or "-f")
            {
                value = i + 1 < tokens.Count ? tokens[i + 1] : null;
                i++;
            }
            else if (Inline(token) is { } inline)
            {
                value = inline;
            }
        }

        return value == "json" ? OutputFormat.Json : OutputFormat.Text;
    }

    public static bool Verbose(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.TakeWhile(t => t != "--").Any(t => t is "--verbose" or "-v");
    }

    private static string? Inline(string token)
    {
        foreach (var name in (string[])["--output", "-o", "--format", "-f"])
        {
            if (token.Length > name.Length && token.StartsWith(name, StringComparison.Ordinal) && token[name.Length] is '=' or ':')
            {
                return token[(name.Length + 1)..];
            }
        }

        return null;
    }
}
