using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Core.Configuration;

/// <summary>
/// Turns YAML text into a <see cref="ConfigNode"/> tree with line/column marks. Bounded against hostile input:
/// anchors/aliases are refused (no alias bombs), nesting depth and size are capped, duplicate keys are errors.
/// </summary>
public static class YamlConfigParser
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 32;
    public const int MaxNodes = 100_000;

    /// <summary>Parses <paramref name="text"/>; problems go to <paramref name="diagnostics"/>. Returns null when nothing usable was read.</summary>
    public static ConfigNode? Parse(string text, ConfigDiagnostics diagnostics)
    {
        if (text.Length > MaxBytes)
        {
            diagnostics.Add(new ConfigMark(1, 1), string.Empty, $"file is larger than {MaxBytes / 1024} KiB");
            return null;
        }

        var state = new State(diagnostics);
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                diagnostics.Add(new ConfigMark(1, 1), string.Empty, "file is empty");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, 0, string.Empty);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var mark = ToMark(parser.Current!.Start);
                diagnostics.Add(mark, string.Empty, "only one YAML document is allowed");
                return null;
            }

            return root;
        }
        catch (TooComplexException ex)
        {
            diagnostics.Add(ex.Mark, string.Empty, ex.Message);
            return null;
        }
        catch (YamlException ex)
        {
            var mark = ToMark(ex.Start);
            if (IndentationTab(text, mark == new ConfigMark(1, 1) ? int.MaxValue : mark.Line) is { } tab)
            {
                diagnostics.Add(tab, string.Empty, TabMessage);
            }
            else
            {
                diagnostics.Add(mark, string.Empty, $"YAML syntax error: {OneLine(ex.Message)}");
            }

            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input: InvalidOperationException
            // from the scanner (":\r[\rL"), ArgumentException for a tag that is not a URI ("!!a b c").
            var mark = parser.Current is { } current ? ToMark(current.End) : new ConfigMark(1, 1);
            if (IndentationTab(text, int.MaxValue) is { } tab)
            {
                diagnostics.Add(tab, string.Empty, TabMessage);
            }
            else
            {
                diagnostics.Add(mark, string.Empty, "YAML syntax error: the text after this point cannot be parsed");
            }
            return null;
        }
    }

    private const string TabMessage = "YAML syntax error: a tab is used for indentation; YAML indents with spaces only";

    /// <summary>
    /// The first tab in a line's leading whitespace, up to the error's line (or after it when the parser's place is a
    /// line too early, as it is for a tab at the start of a line): the parser often blames 1:1 or the line before.
    /// </summary>
    private static ConfigMark? IndentationTab(string text, int errorLine)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var last = Math.Min(lines.Length, errorLine == int.MaxValue ? lines.Length : errorLine + 1);
        for (var i = 0; i < last; i++)
        {
            var line = lines[i];
            for (var column = 0; column < line.Length && line[column] is ' ' or '\t'; column++)
            {
                if (line[column] == '\t' && column < line.Length - 1 && line.AsSpan(column).Trim().Length > 0 && line.TrimStart(' ', '\t')[0] != '#')
                {
                    return new ConfigMark(i + 1, column + 1);
                }
            }
        }

        return null;
    }

    private static ConfigNode ReadNode(IParser parser, State state, int depth, string path)
    {
        if (depth > MaxDepth)
        {
            throw new TooComplexException(ToMark(parser.Current!.Start), $"nesting is deeper than {MaxDepth} levels");
        }

        if (++state.Nodes > MaxNodes)
        {
            throw new TooComplexException(ToMark(parser.Current!.Start), $"more than {MaxNodes} values");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            throw new TooComplexException(ToMark(alias.Start), "YAML aliases are not supported");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            RefuseAnchor(scalar);
            var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            return new ConfigScalar(ToMark(scalar.Start), scalar.Value, isNull);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            RefuseAnchor(sequenceStart);
            var items = new List<ConfigNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, state, depth + 1, $"{path}[{items.Count}]"));
            }

            return new ConfigSequence(ToMark(sequenceStart.Start), items);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            RefuseAnchor(mappingStart);
            var entries = new List<ConfigEntry>();
            var seen = new Dictionary<string, ConfigMark>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyMark = ToMark(parser.Current!.Start);
                var keyNode = ReadNode(parser, state, depth + 1, path);
                var keyPath = keyNode is ConfigScalar named ? (path.Length == 0 ? named.Value : $"{path}.{named.Value}") : path;
                var value = ReadNode(parser, state, depth + 1, keyPath);
                if (keyNode is not ConfigScalar key)
                {
                    state.Diagnostics.Add(keyMark, path, $"mapping keys must be scalars, not {keyNode.Kind}");
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    state.Diagnostics.Add(keyMark, keyPath, $"duplicate key (first at line {first.Line})");
                    continue;
                }

                seen.Add(key.Value, keyMark);

                entries.Add(new ConfigEntry(key.Value, keyMark, value));
            }

            return new ConfigMapping(ToMark(mappingStart.Start), entries);
        }

        throw new TooComplexException(ToMark(parser.Current!.Start), "unexpected YAML content");
    }

    private static void RefuseAnchor(NodeEvent node)
    {
        if (!node.Anchor.IsEmpty)
        {
            throw new TooComplexException(ToMark(node.Start), "YAML anchors and aliases are not supported");
        }
    }

    private static ConfigMark ToMark(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string OneLine(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the place is already in front of the message.
        var text = message.ReplaceLineEndings(" ");
        var cut = text.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? text[(cut + 3)..] : text).Trim();
    }

    private sealed class State(ConfigDiagnostics diagnostics)
    {
        public ConfigDiagnostics Diagnostics { get; } = diagnostics;

        public int Nodes { get; set; }
    }

    private sealed class TooComplexException(ConfigMark mark, string message) : Exception(message)
    {
        public ConfigMark Mark { get; } = mark;
    }
}
