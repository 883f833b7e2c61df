using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stagecraft.Core.Configuration;

namespace Stagecraft.DigitalOcean.Tests.BadInput;

/// <summary>
/// Every config value that can reach a remote command line or a resource name (names, roles, tags, users, domains,
/// env-var names) is refused by validation when it holds shell metacharacters, with an error naming the key.
/// Checked through the Core loader with the real DigitalOcean and Tailscale binders.
/// </summary>
public sealed class ShellMetacharacterValidationTests
{
    private const string Do = "cloud.providers.digitalocean";
    private const string Ts = "network.providers.tailscale";

    private static readonly string[] Metacharacters =
    [
        ";reboot", "$(reboot)", "`reboot`", "'x'", "\"x\"", " x", "\nx", "\n", "|x", "&x", ">x", "<x", "\tx", "\rx", "*", "\\x", "#x", "\0",
    ];

    /// <summary>slot → (key path, with {0} for the escaped bad value where the value is a key; the start of the problem).</summary>
    private static readonly Dictionary<string, (string KeyPath, string Problem)> Expectations = new(StringComparer.Ordinal)
    {
        ["project"] = ("project.name", "must be a DNS label"),
        ["token_env"] = ($"{Do}.token_env", "must be the name of an environment variable"),
        ["env"] = ($"{Do}.hosts.{{0}}", "environment name must be a DNS label"),
        ["host"] = ($"{Do}.hosts.staging.{{0}}", "host name must be a DNS label"),
        ["role"] = ($"{Do}.hosts.staging.web-1.role", "must be a DNS label"),
        ["auth_key_env"] = ($"{Ts}.auth_key_env", "must be the name of an environment variable"),
        ["tailnet_domain"] = ($"{Ts}.tailnet_domain", "must be a DNS name"),
        ["default_tag"] = ($"{Ts}.default_tags[0]", "'{0}' is not a valid tag"),
        ["role_tags_role"] = ($"{Ts}.role_tags.{{0}}", "role must be a DNS label"),
        ["role_tag"] = ($"{Ts}.role_tags.web[0]", "'{0}' is not a valid tag"),
        ["user"] = ("infra.bootstrap.ssh.user", "must be a POSIX user name"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var slot in Expectations.Keys)
        {
            foreach (var meta in Metacharacters)
            {
                data.Add(slot, RealProviderConfigs.Defaults[slot] + meta);
            }

            data.Add(slot, "$(reboot)" + RealProviderConfigs.Defaults[slot]);
        }

        return data;
    }

    public static TheoryData<string, string> PathCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var slot in new[] { "private_key_path", "known_hosts_file" })
        {
            foreach (var meta in Metacharacters.Where(m => m.Any(char.IsControl)))
            {
                data.Add(slot, RealProviderConfigs.Defaults[slot] + meta);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ValueWithShellMetacharacters_IsRefusedNamingTheKey(string slot, string value)
    {
        var errors = Errors(RealProviderConfigs.With(slot, value));

        var (keyPath, problem) = Expectations[slot];
        var escaped = Escape(value);
        var expected = $@"^stagecraft\.yml:\d+:\d+: {Regex.Escape(string.Format(CultureInfo.InvariantCulture, keyPath, escaped))}: {Regex.Escape(string.Format(CultureInfo.InvariantCulture, problem, escaped))}";
        var error = Assert.Single(errors);
        Assert.Matches(expected, error);
    }

    [Theory]
    [MemberData(nameof(PathCases))]
    public void Parse_PathWithControlCharacters_IsRefusedNamingTheKey(string slot, string value)
    {
        var errors = Errors(RealProviderConfigs.With(slot, value));

        var error = Assert.Single(errors);
        Assert.Matches($@"^stagecraft\.yml:\d+:\d+: infra\.bootstrap\.ssh\.{slot}: must not contain control characters\z", error);
    }

    [Theory]
    [InlineData(";reboot")]
    [InlineData("$(reboot)")]
    [InlineData("`reboot`")]
    [InlineData(" x|y&z>w")]
    public void Parse_PathWithPrintableMetacharacters_IsKeptVerbatimBecauseItNeverReachesAShell(string suffix)
    {
        // Paths are local files opened by the SSH client, never words of a remote command; printable characters
        // (spaces included) are legitimate in them.
        var config = RealProviderConfigs.Parse(RealProviderConfigs.With("private_key_path", "~/.ssh/id" + suffix));

        Assert.Equal("/home/op/.ssh/id" + suffix, config.Bootstrap.Ssh.PrivateKeyPath);
    }

    private static List<string> Errors(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => RealProviderConfigs.Parse(yaml));
        return [.. ex.Message.Split('\n')];
    }

    /// <summary>How a config error prints a value: control characters escaped.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
