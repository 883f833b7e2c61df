using System.Text;
using System.Text.RegularExpressions;

namespace Stagecraft.Core.Remote;

/// <summary>The one function that turns argv into POSIX shell text. Nothing else concatenates values into shell strings.</summary>
public static partial class ShellQuoting
{
    /// <summary>Quotes one word: safe words stay as they are, everything else goes in single quotes (<c>'</c> becomes <c>'\''</c>).</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && SafeWord().IsMatch(word))
        {
            return word;
        }

        var builder = new StringBuilder(word.Length + 2);
        builder.Append('\'');
        foreach (var c in word)
        {
            if (c == '\'')
            {
                builder.Append("'\\''");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>Quotes every word and joins them with single spaces.</summary>
    public static string Join(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    [GeneratedRegex("^[A-Za-z0-9_@%+=:,./-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeWord();
}
