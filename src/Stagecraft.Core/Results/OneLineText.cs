using System.Globalization;
using System.Text;

namespace Stagecraft.Core.Results;

/// <summary>Text for a report field: one line, no control characters (remote text or an exception message could carry terminal escapes).</summary>
public static class OneLineText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var joined = string.Join(' ', text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var builder = new StringBuilder(joined.Length);
        foreach (var c in joined)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
