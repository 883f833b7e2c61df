using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

/// <summary>The network preflight: local only, before anything is created; the key is never shown.</summary>
public sealed class TailscalePreflightTests
{
    [Fact]
    public async Task PreflightAsync_WhenHostsAreToBeCreatedAndTheKeyVariableIsUnset_IsANetworkFindingNamingTheVariableAndHosts()
    {
        var findings = await TestProvider.Create(new RecordingSecretSource()).PreflightAsync(Request(bootstrapping: true, "web-2", "app-1"), CancellationToken.None);

        var finding = Assert.Single(findings);
        Assert.Equal(PreflightScope.Network, finding.Scope);
        Assert.Equal(
            "tailscale auth key missing: environment variable TS_AUTHKEY (network.providers.tailscale.auth_key_env) is not set; new hosts " +
            "could not join the tailnet. Export a reusable, pre-approved auth key in it, or run with --no-bootstrap",
            finding.Message);
        Assert.Equal(["app-1", "web-2"], finding.Hosts);
    }

    [Fact]
    public async Task PreflightAsync_WhenTheKeyVariableIsBlank_SaysEmptyAndNeverShowsTheValue()
    {
        var secrets = new RecordingSecretSource(new Dictionary<string, string> { [TestProvider.KeyEnv] = "   " });

        var finding = Assert.Single(await TestProvider.Create(secrets).PreflightAsync(Request(bootstrapping: true, "web-1"), CancellationToken.None));

        Assert.Contains("TS_AUTHKEY (network.providers.tailscale.auth_key_env) is empty;", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task PreflightAsync_WhenTheKeyIsSetOrNothingWillJoin_HasNoFinding(bool keySet, bool bootstrapping)
    {
        const string Key = "test-auth-key-for-preflight";
        var secrets = new RecordingSecretSource(keySet ? new Dictionary<string, string> { [TestProvider.KeyEnv] = Key } : null);

        var findings = await TestProvider.Create(secrets).PreflightAsync(Request(bootstrapping, "web-1"), CancellationToken.None);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task PreflightAsync_WhenNoHostIsToBeCreated_DoesNotReadTheKey()
    {
        var secrets = new RecordingSecretSource();
        var existing = new PlannedHost(new HostSpec("web-1", "web", new ConfigMark(1, 1)), "staging-web-1", PlanAction.Unchanged, TestProvider.Web1, []);

        var findings = await TestProvider.Create(secrets).PreflightAsync(new PreflightRequest(new CloudPlan("staging", [existing], []), true), CancellationToken.None);

        Assert.Empty(findings);
        Assert.Empty(secrets.Reads);
    }

    private static PreflightRequest Request(bool bootstrapping, params string[] toCreate) =>
        new(
            new CloudPlan(
                "staging",
                [.. toCreate.Select(n => new PlannedHost(new HostSpec(n, "web", new ConfigMark(1, 1)), $"staging-{n}", PlanAction.Create, null, []))],
                []),
            bootstrapping);
}
