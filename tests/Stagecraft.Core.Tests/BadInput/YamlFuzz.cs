using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>
/// Generators of hostile config text (random text, random YAML documents from a small grammar, mutations of a
/// valid config) and the property every loader must keep: a config, or a <see cref="ConfigException"/> whose every
/// line is <c>stagecraft.yml[:line:col]: problem</c>, within a bound. Compiled into the DigitalOcean tests as well.
/// </summary>
internal static partial class YamlFuzz
{
    public const string File = "stagecraft.yml";

    /// <summary>
    /// Hang guard, not a speed check: a case that loops forever fails instead of stalling the run. A minute is far
    /// beyond any real parse, even on a loaded CI machine.
    /// </summary>
    public static readonly TimeSpan CaseBound = TimeSpan.FromMinutes(1);

    /// <summary>Tokens that trouble YAML parsers and shells alike.</summary>
    public static readonly string[] HostileTokens =
    [
        "\t", ":", ": ", "'", "\"", "&a ", "*a", "!!binary ", "!!str ", "!custom ", "%YAML 1.2\n---\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n",
        "? ", "- ", "[", "]", "{", "}", ",", "#", "|", ">", "|-\n", "@", "`", "\\", "\0", "\r", "\u2028", "\u0085", "\uFEFF", "$(reboot)", "; rm -rf /",
        "<<: *a\n", "\n", "  ", "~", "null", "0x1F", "1e400", "-.inf", ".nan", "2001-12-14t21:59:43.10-05:00", "\ud800",
    ];

    private static readonly string[] Scalars =
    [
        "shop", "digitalocean", "tailscale", "fakecloud", "fakenet", "app", "db", "web-1", "staging", "prod", "root", "22", "0", "-1", "65536",
        "90s", "5m", "1h", "10x", "true", "false", "yes", "~", "null", "", "tag:stagecraft", "tag:app", "tag:", "DO_TOKEN", "TS_AUTHKEY",
        "example.ts.net", "~/.ssh/id_ed25519", "/etc/passwd", "apt", "script", "skip", "auto", "1.60.0", "nyc3", "s-1vcpu-1gb",
        "ubuntu-24-04-x64", "http://127.0.0.1:1/v2", "a b", "$(reboot)", "`id`", "a;b", "x|y",
    ];

    /// <summary>Arbitrary text, from printable ASCII to any UTF-16 unit.</summary>
    public static Gen<string> RandomText { get; } = Gen.OneOf(
        Gen.String[Gen.Char[(char)1, (char)127], 0, 400],
        Gen.String[Gen.Char, 0, 200],
        Gen.String[Gen.OneOf(':', ' ', '\n', '-', '{', '}', '[', ']', '"', '\'', '&', '*', '!', '%', '#', '|', '>', '?', 'a', '\t'), 0, 300]);

    /// <summary>A random YAML document (block or flow) built from mappings, sequences and scalars, keys from <paramref name="keys"/> and random ones.</summary>
    public static Gen<string> Documents(IReadOnlyList<string> keys)
    {
        var key = Gen.Frequency<string>(
            (6, Gen.OneOf([.. keys])),
            (1, Gen.String[Gen.Char['a', 'z'], 1, 8]),
            (1, Gen.OneOf(HostileTokens).Select(t => Quote(t))));
        return Node(keys.Count == 0 ? Gen.Const("k") : key, 4).Select(node => node.Render());
    }

    /// <summary>One to four mutations of <paramref name="valid"/>: line deletions and duplications, swapped values, inserted tokens, long scalars.</summary>
    public static Gen<string> Mutations(string valid)
    {
        var lines = valid.Split('\n');
        var index = Gen.Int[0, lines.Length - 1];
        var mutation = Gen.OneOf<Func<List<string>, List<string>>>(
            index.Select<int, Func<List<string>, List<string>>>(i => l => { l.RemoveAt(Math.Min(i, l.Count - 1)); return l; }),
            index.Select<int, Func<List<string>, List<string>>>(i => l => { var at = Math.Min(i, l.Count - 1); l.Insert(at, l[at]); return l; }),
            Gen.Select(index, index).Select<(int, int), Func<List<string>, List<string>>>(p => l => SwapValues(l, p.Item1, p.Item2)),
            Gen.Select(index, Gen.Int[0, 80], Gen.OneOf(HostileTokens)).Select<(int, int, string), Func<List<string>, List<string>>>(p => l => Insert(l, p.Item1, p.Item2, p.Item3)),
            Gen.Select(index, Gen.Int[1, 200_000], Gen.Char[(char)32, (char)126]).Select<(int, int, char), Func<List<string>, List<string>>>(p => l => LongValue(l, p.Item1, p.Item2, p.Item3)));
        return mutation.Array[1, 4].Select(ms =>
        {
            var current = lines.ToList();
            foreach (var m in ms)
            {
                if (current.Count == 0)
                {
                    break;
                }

                current = m(current);
            }

            return string.Join('\n', current);
        });
    }

    /// <summary>
    /// Runs <paramref name="parse"/> on a worker with a bound; asserts it returned, or threw a ConfigException whose
    /// every line names the file (and place) and a problem.
    /// </summary>
    public static void AssertConfigOrConfigError(Func<string, object> parse, string text)
    {
        var run = Task.Run(() =>
        {
            try
            {
                parse(text);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        Assert.True(run.Wait(CaseBound), "Parse hung (no result within the hang guard)");
        if (run.Result is not { } error)
        {
            return;
        }

        var config = Assert.IsType<ConfigException>(error);
        foreach (var line in config.Message.Split('\n'))
        {
            Assert.Matches(MessageLine(), line);
        }
    }

    /// <summary>Prints a case for a failure report with control characters visible.</summary>
    public static string Show(string text)
    {
        var shown = text.Length > 2000 ? text[..2000] + $"… ({text.Length} chars)" : text;
        var builder = new StringBuilder();
        foreach (var c in shown)
        {
            builder.Append(c is '\n' ? "\\n\n" : char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    private static string Quote(string text) =>
        "\"" + string.Concat(text.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            _ when char.IsControl(c) || char.IsSurrogate(c) || c > 126 => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";

    private static Gen<YamlNode> Node(Gen<string> key, int depth)
    {
        var scalar = Gen.Frequency<YamlNode>(
            (8, Gen.OneOf(Scalars).Select(s => (YamlNode)new YamlScalar(s.Length == 0 || s.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.' and not '/' and not '_') ? Quote(s) : s))),
            (1, Gen.OneOf(HostileTokens).Select(t => (YamlNode)new YamlScalar(Quote(t)))),
            (1, Gen.String[Gen.Char[(char)32, (char)126], 0, 40].Select(s => (YamlNode)new YamlScalar(Quote(s)))));
        if (depth == 0)
        {
            return scalar;
        }

        var child = Node(key, depth - 1);
        var mapping = Gen.Select(key, child).Array[0, 5].Select(entries => (YamlNode)new YamlMapping([.. entries]));
        var sequence = child.Array[0, 4].Select(items => (YamlNode)new YamlSequence([.. items]));
        return Gen.Frequency<YamlNode>((3, scalar), (4, mapping), (2, sequence));
    }

    private static List<string> SwapValues(List<string> lines, int i, int j)
    {
        i = Math.Min(i, lines.Count - 1);
        j = Math.Min(j, lines.Count - 1);
        var ci = lines[i].IndexOf(": ", StringComparison.Ordinal);
        var cj = lines[j].IndexOf(": ", StringComparison.Ordinal);
        if (ci >= 0 && cj >= 0)
        {
            (lines[i], lines[j]) = (lines[i][..ci] + lines[j][cj..], lines[j][..cj] + lines[i][ci..]);
        }

        return lines;
    }

    private static List<string> Insert(List<string> lines, int i, int column, string token)
    {
        i = Math.Min(i, lines.Count - 1);
        var at = Math.Min(column, lines[i].Length);
        lines[i] = lines[i].Insert(at, token);
        return lines;
    }

    private static List<string> LongValue(List<string> lines, int i, int length, char fill)
    {
        i = Math.Min(i, lines.Count - 1);
        var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
        var prefix = colon >= 0 ? lines[i][..(colon + 2)] : lines[i];
        lines[i] = prefix + new string(fill == '#' ? 'x' : fill, length);
        return lines;
    }

    [GeneratedRegex(@"^stagecraft\.yml(:\d+:\d+)?: .+\z", RegexOptions.CultureInvariant)]
    private static partial Regex MessageLine();

    private abstract record YamlNode
    {
        public string Render() => RenderBlock(0).TrimEnd('\n') + "\n";

        public abstract string RenderBlock(int indent);

        public abstract string RenderFlow();
    }

    private sealed record YamlScalar(string Text) : YamlNode
    {
        public override string RenderBlock(int indent) => Text + "\n";

        public override string RenderFlow() => Text;
    }

    private sealed record YamlMapping(IReadOnlyList<(string Key, YamlNode Value)> Entries) : YamlNode
    {
        public override string RenderBlock(int indent)
        {
            if (Entries.Count == 0 || Entries.Count % 3 == 2)
            {
                return RenderFlow() + "\n";
            }

            var pad = new string(' ', indent);
            var builder = new StringBuilder();
            foreach (var (key, value) in Entries)
            {
                builder.Append(pad).Append(key).Append(':');
                builder.Append(value is YamlScalar ? " " + value.RenderBlock(0) : "\n" + value.RenderBlock(indent + 2));
            }

            return builder.ToString();
        }

        public override string RenderFlow() => "{" + string.Join(", ", Entries.Select(e => $"{e.Key}: {e.Value.RenderFlow()}")) + "}";
    }

    private sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode
    {
        public override string RenderBlock(int indent)
        {
            if (Items.Count == 0 || Items.Count % 3 == 2)
            {
                return RenderFlow() + "\n";
            }

            var pad = new string(' ', indent);
            var builder = new StringBuilder();
            foreach (var item in Items)
            {
                builder.Append(pad).Append('-');
                builder.Append(item is YamlScalar ? " " + item.RenderBlock(0) : "\n" + item.RenderBlock(indent + 2));
            }

            return builder.ToString();
        }

        public override string RenderFlow() => "[" + string.Join(", ", Items.Select(i => i.RenderFlow())) + "]";
    }
}
