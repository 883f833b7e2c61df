using System.Text.Json;
using CsCheck;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>Garbage from the host (docker version, /etc/os-release) is a per-host failure with the right code, never an exception.</summary>
public sealed class BootstrapGarbageOutputTests
{
    private const string HostName = "app-1";

    private static readonly Host Host = new(HostName, "staging-" + HostName, "2147483701", "app", "203.0.113.10", ["stagecraft", "stagecraft-env-staging"]);

    private static readonly Gen<string> Garbage = Gen.OneOf(
        Gen.String[Gen.Char[(char)1, (char)127], 0, 300],
        Gen.String[Gen.Char, 0, 200],
        Gen.Int[0, FakeRemote.DockerJson.Length - 1].Select(n => FakeRemote.DockerJson[..n]),
        Gen.OneOf("null", "true", "42", "\"Server\"", "[]", "[{\"Server\":{}}]", "", " ", "\n\n", "\0\0\0", "\uFEFF{}", "{\"Server\":{}}trailing"),
        Gen.Int[65, 20_000].Select(n => new string('[', n) + new string(']', n)),
        Gen.Int[1, 1 << 20].Select(n => "\"" + new string('x', n) + "\""));

    /// <summary>JSON objects whose Server is anything but an object: the daemon is not usable.</summary>
    private static readonly Gen<string> ObjectsWithoutUsableServer = Gen.Select(
            Gen.OneOf("null", "1", "\"28.3.2\"", "[]", "true", "absent"),
            Gen.OneOf("null", "1", "{}", "{\"Version\":7}", "\"x\"", "absent"),
            Gen.String[Gen.Char[(char)32, (char)126], 0, 30])
        .Select(t =>
        {
            var fields = new List<string>();
            if (t.Item1 != "absent")
            {
                fields.Add($"\"Server\":{t.Item1}");
            }

            if (t.Item2 != "absent")
            {
                fields.Add($"\"Client\":{t.Item2}");
            }

            fields.Add($"\"Extra\":{JsonSerializer.Serialize(t.Item3)}");
            return "{" + string.Join(',', fields) + "}";
        });

    [Fact]
    public void Bootstrap_DockerVersionPrintsGarbage_FailsDetectWithOneLineMessage()
    {
        Garbage.Where(text => !IsJsonObject(text)).Sample(
            text =>
            {
                var outcome = Run(remote => remote.Overrides[(HostName, "docker version")] = new RemoteResult(0, text, string.Empty));

                Assert.Equal(new BootstrapOutcome(BootstrapStatus.Failed, BootstrapErrorCodes.DockerDetectFailed, "docker version printed output that is not the expected JSON"), outcome);
            },
            iter: 300,
            time: 1,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Bootstrap_DockerVersionObjectWithoutServer_InstallsThenFailsVerifyOnOneLine()
    {
        ObjectsWithoutUsableServer.Sample(
            text =>
            {
                var outcome = Run(remote => remote.Overrides[(HostName, "docker version")] = new RemoteResult(0, text, string.Empty));

                Assert.Equal(BootstrapStatus.Failed, outcome.Status);
                Assert.Equal(BootstrapErrorCodes.DockerVerifyFailed, outcome.ErrorCode);
                Assert.StartsWith("docker is still not usable after install (exit 0", outcome.Message, StringComparison.Ordinal);
                AssertOneLine(outcome.Message);
            },
            iter: 150,
            time: 1);
    }

    [Fact]
    public void Bootstrap_DockerVersionFailsWithGarbageStderr_FailsOnOneLine()
    {
        Gen.Select(Gen.Int[1, 255], Garbage).Sample(
            t =>
            {
                var outcome = Run(remote => remote.Overrides[(HostName, "docker version")] = new RemoteResult(t.Item1, t.Item2, t.Item2));

                Assert.Equal(BootstrapStatus.Failed, outcome.Status);
                Assert.Equal(BootstrapErrorCodes.DockerVerifyFailed, outcome.ErrorCode);
                AssertOneLine(outcome.Message);
            },
            iter: 150,
            time: 1);
    }

    [Fact]
    public void Bootstrap_RandomOsRelease_IsSupportedOrConfigInvalidOnOneLine()
    {
        var key = Gen.OneOf("ID", "VERSION_ID", "PRETTY_NAME", "UBUNTU_CODENAME", "VERSION_CODENAME", "ID_LIKE", "NAME", "#ID", " ID", "ID ");
        var value = Gen.OneOf(
            Gen.OneOf("ubuntu", "debian", "22.04", "24.04", "12", "\"ubuntu\"", "'22.04'", "\"22.04", "alpine", "", "\"\""),
            Gen.String[Gen.Char[(char)1, (char)127], 0, 40],
            Gen.String[Gen.Char, 0, 20]);
        var line = Gen.OneOf(Gen.Select(key, value).Select(kv => $"{kv.Item1}={kv.Item2}"), Gen.String[Gen.Char, 0, 40]);
        var text = Gen.Select(line.Array[0, 8], Gen.OneOf("\n", "\r\n", "\r", "\u2028", "\0")).Select(t => string.Join(t.Item2, t.Item1));

        text.Sample(
            osRelease =>
            {
                var outcome = Run(remote => remote.Overrides[(HostName, "cat /etc/os-release")] = new RemoteResult(0, osRelease, string.Empty), dockerInstalled: true);

                if (outcome.Status == BootstrapStatus.Success)
                {
                    Assert.True(OsRelease.Parse(osRelease).IsSupported);
                    return;
                }

                Assert.Equal(BootstrapErrorCodes.ConfigInvalid, outcome.ErrorCode);
                Assert.StartsWith("unsupported operating system: ", outcome.Message, StringComparison.Ordinal);
                Assert.EndsWith("(supported: Ubuntu 22.04, Ubuntu 24.04, Debian 12)", outcome.Message, StringComparison.Ordinal);
                AssertOneLine(outcome.Message);
            },
            iter: 300,
            time: 1,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Bootstrap_OsReleaseUnreadableWithGarbageStderr_IsConfigInvalidOnOneLine()
    {
        Gen.Select(Gen.Int[1, 255], Garbage).Sample(
            t =>
            {
                var outcome = Run(remote => remote.Overrides[(HostName, "cat /etc/os-release")] = new RemoteResult(t.Item1, string.Empty, t.Item2));

                Assert.Equal(BootstrapErrorCodes.ConfigInvalid, outcome.ErrorCode);
                Assert.StartsWith($"cannot read /etc/os-release (exit {t.Item1}", outcome.Message, StringComparison.Ordinal);
                AssertOneLine(outcome.Message);
            },
            iter: 150,
            time: 1);
    }

    [Fact]
    public void Bootstrap_OsReleaseIsBinaryGarbage_IsConfigInvalid()
    {
        var garbage = string.Concat(Enumerable.Range(0, 512).Select(i => (char)(i * 7919 % 256)));

        var outcome = Run(remote => remote.Overrides[(HostName, "cat /etc/os-release")] = new RemoteResult(0, garbage, string.Empty));

        Assert.Equal(
            new BootstrapOutcome(BootstrapStatus.Failed, BootstrapErrorCodes.ConfigInvalid, "unsupported operating system: unknown (supported: Ubuntu 22.04, Ubuntu 24.04, Debian 12)"),
            outcome);
    }

    private static BootstrapOutcome Run(Action<FakeRemote> arrange, bool dockerInstalled = false)
    {
        var remote = new FakeRemote();
        if (dockerInstalled)
        {
            remote.DockerInstalled[HostName] = true;
        }

        arrange(remote);
        var network = new FakeNetwork();
        var settings = new FakeNetworkSettings(["tag:stagecraft"], new Dictionary<string, IReadOnlyList<string>>(), "example.ts.net");
        var engine = new BootstrapEngine(
            remote.Create(new SshSettings("root", 22, "/k", "/kh", TimeSpan.FromMinutes(5))),
            network,
            settings,
            new DockerSettings(true, DockerInstallMethod.Apt),
            NullProgressReporter.Instance);
        var run = engine.BootstrapHostAsync(Host, CancellationToken.None);
        Assert.True(run.Wait(YamlFuzz.CaseBound), "bootstrap did not finish");
        return run.Result;
    }

    private static void AssertOneLine(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.Trim());
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
