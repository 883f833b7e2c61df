using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Status;

namespace Stagecraft.Core.Tests.Status;

/// <summary>What makes an <c>infra status</c> host healthy, and how mesh tags compare.</summary>
public sealed class HostStatusTests
{
    private static readonly Host Existing = new("app-1", "staging-app-1", "42", "app", "203.0.113.10", ["stagecraft"]) { Status = "active" };

    private static readonly MeshStatus GoodMesh =
        new(new MeshState("Running", "example.ts.net", "staging-app-1", "staging-app-1.example.ts.net", ["tag:stagecraft", "tag:app"], true), ["tag:app", "tag:stagecraft"]);

    private static HostStatus Checked(Host? existing = null, PlanAction action = PlanAction.Unchanged, IReadOnlyList<PlanChange>? changes = null) =>
        new("app-1", "staging-app-1", "app", existing ?? Existing, action, changes ?? [], "staging-app-1.example.ts.net")
        {
            Ssh = new SshStatus(ConnectionCheck.Ok, string.Empty),
            Docker = new DockerStatus("28.3.2", null),
            Mesh = GoodMesh,
        };

    [Fact]
    public void Healthy_WhenEveryCheckPasses()
    {
        Assert.True(Checked().Healthy(remoteChecked: true));
        Assert.True(Checked().Healthy(remoteChecked: false));
    }

    [Fact]
    public void Healthy_CloudOnly_IgnoresTheRemoteChecks_ButNotTheCloud()
    {
        var unreachable = Checked() with { Ssh = null, Docker = null, Mesh = null };

        Assert.True(unreachable.Healthy(remoteChecked: false));
        Assert.False(unreachable.Healthy(remoteChecked: true));
        Assert.False(Checked(action: PlanAction.Drift, changes: [new Drift("size", "a", "b")]).Healthy(remoteChecked: false));
        Assert.False(Checked(action: PlanAction.Reconcile, changes: [new PowerOn()]).Healthy(remoteChecked: false));
        Assert.False(Checked(Existing with { PublicIp = null }).Healthy(remoteChecked: false));
    }

    [Fact]
    public void Missing_IsNeverHealthy()
    {
        var missing = new HostStatus("web-2", "staging-web-2", "app", null, PlanAction.Create, [], "staging-web-2.example.ts.net");

        Assert.False(missing.Healthy(remoteChecked: false));
        Assert.False(missing.Reachable);
    }

    [Theory]
    [InlineData(ConnectionCheck.NotPinned)]
    [InlineData(ConnectionCheck.Mismatch)]
    [InlineData(ConnectionCheck.Unreachable)]
    [InlineData(ConnectionCheck.AuthenticationFailed)]
    public void AnySshCheckButOk_IsUnhealthy(ConnectionCheck check)
    {
        Assert.False((Checked() with { Ssh = new SshStatus(check, "why") }).Healthy(remoteChecked: true));
    }

    [Fact]
    public void DockerDisabled_IsNoProblem_DockerWithoutServer_Is()
    {
        Assert.True((Checked() with { Docker = null }).Healthy(remoteChecked: true));
        Assert.False((Checked() with { Docker = new DockerStatus(null, "docker is not installed") }).Healthy(remoteChecked: true));
    }

    [Fact]
    public void PoweredOff_IsNotReachable()
    {
        Assert.False(Checked(action: PlanAction.Reconcile, changes: [new PowerOn()]).Reachable);
        Assert.True(Checked(action: PlanAction.Reconcile, changes: [new AddTag("x")]).Reachable);
    }

    [Fact]
    public void MeshTags_CompareAsSets()
    {
        var state = GoodMesh.State;

        Assert.True(GoodMesh.TagsMatch);
        Assert.True((GoodMesh with { State = state with { Tags = ["tag:app", "tag:app", "tag:stagecraft"] } }).TagsMatch);
        Assert.False((GoodMesh with { State = state with { Tags = ["tag:app"] } }).TagsMatch);
        Assert.False((GoodMesh with { State = state with { Tags = ["tag:app", "tag:stagecraft", "tag:db"] } }).Ok);
        Assert.False((GoodMesh with { State = state with { Problems = ["offline"] } }).Ok);
    }

    [Fact]
    public void VerifiedConnection_OkCarriesASession_AFailureNever()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VerifiedConnection.Failed(ConnectionCheck.Ok, "no"));
        Assert.Null(VerifiedConnection.Failed(ConnectionCheck.Unreachable, "refused").Session);
    }
}
