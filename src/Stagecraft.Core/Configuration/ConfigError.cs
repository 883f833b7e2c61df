using System.Globalization;
using System.Text;

namespace Stagecraft.Core.Configuration;

/// <summary>
/// One configuration problem, printed as <c>file:LINE:COL: key.path: problem</c>. Control characters and line
/// separators (which a quoted YAML key or value may hold) are printed escaped, so one error stays one line.
/// </summary>
public sealed record ConfigError(string File, ConfigMark Mark, string KeyPath, string Problem)
{
    public override string ToString() =>
        KeyPath.Length == 0 ? $"{File}:{Mark}: {Escape(Problem)}" : $"{File}:{Mark}: {Escape(KeyPath)}: {Escape(Problem)}";

    private static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when NeedsEscape(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
