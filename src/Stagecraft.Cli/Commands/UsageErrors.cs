using Stagecraft.Core.Results;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Turns the parser's errors into one line: each error on one line, joined with "; ", then where help is. A token of
/// the command line that looks like a secret (a token pasted in the wrong place) is never echoed.
/// </summary>
internal static class UsageErrors
{
    /// <param name="command">The command the error is in, e.g. <c>infra up</c>; empty for the root (help is then <c>stagecraft --help</c>).</param>
    public static string Describe(IEnumerable<string> messages, string command, IReadOnlyList<string>? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var secrets = (tokens ?? []).Where(LooksLikeASecret).OrderByDescending(t => t.Length).ToList();
        var lines = messages.Select(m => secrets.Aggregate(m, (text, secret) => text.Replace(secret, "[redacted]", StringComparison.Ordinal)))
            .Select(OneLine).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var help = command.Length > 0 ? $"stagecraft {command} --help" : "stagecraft --help";
        return $"{(lines.Count > 0 ? string.Join("; ", lines) : "bad command line")} (see {help})";
    }

    /// <summary>The shared rule (<see cref="SecretShape.LooksLikeSecret"/>) for every value that must not be echoed.</summary>
    internal static bool LooksLikeASecret(string token) => SecretShape.LooksLikeSecret(token);

    /// <summary>"Must be one of:\n\t'text'\n\t'json'" becomes "Must be one of: 'text', 'json'".</summary>
    private static string OneLine(string message)
    {
        var parts = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(parts[i - 1].EndsWith(':') || i == 1 && !parts[0].EndsWith(':') ? " " : ", ");
            }

            builder.Append(parts[i]);
        }

        return OneLineText.Of(builder.ToString().TrimEnd('.', ' '));
    }
}
