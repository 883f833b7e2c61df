using System.Globalization;
using System.CommandLine.Parsing;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Parsers for option values that check range and form in one place. A parser adds a one-line error and never
/// throws: a validator that reads a value which failed to convert throws from inside System.CommandLine's parse.
/// </summary>
internal static class OptionValues
{
    public static int WholeNumber(ArgumentResult result, string name, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} must be a whole number from {min} to {max}, not '{text}'");
        return min;
    }
}
