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
            var root = ReadNode(parser, state, 0);
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
            diagnostics.Add(ToMark(ex.Start), string.Empty, $"YAML syntax error: {OneLine(ex.Message)}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input: InvalidOperationException
            // from the scanner (":\r[\rL"), ArgumentException for a tag that is not a URI ("!!a b c").
            var mark = parser.Current is { } current ? ToMark(current.End) : new ConfigMark(1, 1);
            diagnostics.Add(mark, string.Empty, "YAML syntax error: the text after this point cannot be parsed");
            return null;
        }
    }

    private static ConfigNode ReadNode(IParser parser, State state, int depth)
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
                items.Add(ReadNode(parser, state, depth + 1));
            }

            return new ConfigSequence(ToMark(sequenceStart.Start), items);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            RefuseAnchor(mappingStart);
            var entries = new List<ConfigEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyMark = ToMark(parser.Current!.Start);
                var keyNode = ReadNode(parser, state, depth + 1);
                var value = ReadNode(parser, state, depth + 1);
                if (keyNode is not ConfigScalar key)
                {
                    state.Diagnostics.Add(keyMark, string.Empty, $"mapping keys must be scalars, not {keyNode.Kind}");
                    continue;
                }

                if (!seen.Add(key.Value))
                {
                    state.Diagnostics.Add(keyMark, key.Value, "duplicate key");
                    continue;
                }

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
