using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary><c>ssh_keys</c>: more account keys every droplet gets besides <c>ssh_key_name</c>.</summary>
public sealed class SshKeysTests
{
    private const string OneHost = "app-1: { role: app }";

    private static readonly EmulatorSetup TwoKeys = new()
    {
        SshKeys =
        [
            new EmulatorSshKey(512190, "deploy-key", "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "ssh-ed25519 AAAA deploy"),
            new EmulatorSshKey(512191, "ci-key", "aa:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "ssh-ed25519 AAAA ci"),
            new EmulatorSshKey(512192, "someone-else", "bb:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "ssh-ed25519 AAAA other"),
        ],
    };

    [Fact]
    public async Task Create_SendsTheLoginKeyAndEveryListedKey_AndNoOther()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost, TwoKeys);
        h.ConfigureWith(OneHost, "ssh_keys: [ci-key, deploy-key]");

        await h.UpAsync();

        var create = Assert.Single(h.Sent("POST", "/v2/droplets"));
        using var body = JsonDocument.Parse(create.Body!);
        Assert.Equal([512190, 512191], body.RootElement.GetProperty("ssh_keys").EnumerateArray().Select(k => k.GetInt64()));
    }

    [Fact]
    public async Task AListedKeyMissingFromTheAccount_IsAPreflightFindingOnSshKeys_AndTheCreateRefuses()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost, TwoKeys);
        h.ConfigureWith(OneHost, "ssh_keys: [ci-key, laptop]");

        var plan = await h.PlanAsync();
        var findings = await h.PreflightAsync(plan, bootstrapping: false);

        var finding = Assert.Single(findings);
        Assert.Contains("cloud.providers.digitalocean.ssh_keys", finding.Message, StringComparison.Ordinal);
        Assert.Contains("no SSH key named 'laptop' in the account: upload it (doctl compute ssh-key import) or remove it from ssh_keys", finding.Message, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<CloudProviderException>(() => h.ApplyAsync(plan));
        Assert.Equal("digitalocean provider: SSH key 'laptop' not found in the account; add it or fix ssh_keys", refused.Message);
        Assert.Empty(h.Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public void ListedKeys_NearestLevelWins_WithoutRepeats()
    {
        var (settings, errors) = ConfigText.Bind("token_env: DO_TOKEN\nssh_key_name: deploy-key\nssh_keys: [ci-key, ci-key]\ndefault_region: nyc1\ndefault_size: s-1vcpu-1gb\nhosts:\n  staging:\n    app-1: { role: app }\n    web-1: { role: web, ssh_keys: [alice] }");

        Assert.Empty(errors);
        Assert.Equal(["ci-key"], settings.FindDroplet("staging", "app-1")!.Options.SshKeys);
        Assert.Equal(["alice"], settings.FindDroplet("staging", "web-1")!.Options.SshKeys);
        Assert.Equal("cloud.providers.digitalocean.hosts.staging.web-1.ssh_keys", settings.FindDroplet("staging", "web-1")!.Options.SshKeysKey);
    }

    [Fact]
    public async Task HostsWithOtherKeys_AreCreatedInSeparateRequests_EachWithItsOwnKeys()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost, TwoKeys);
        h.Configure("app-1: { role: app, ssh_keys: [ci-key] }\nweb-1: { role: web }");

        await h.UpAsync();

        var bodies = h.Sent("POST", "/v2/droplets").Select(r => JsonDocument.Parse(r.Body!)).ToList();
        var keys = bodies.ToDictionary(b => b.RootElement.GetProperty("names")[0].GetString()!, b => b.RootElement.GetProperty("ssh_keys").EnumerateArray().Select(k => k.GetInt64()).ToList());
        Assert.Equal([512190, 512191], keys["staging-app-1"]);
        Assert.Equal([512190], keys["staging-web-1"]);
        bodies.ForEach(b => b.Dispose());
    }
}
