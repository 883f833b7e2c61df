using Stagecraft.Cli.Composition;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Tests;

public sealed class ProgressViewTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void Create_JsonOrNotATerminal_ShowsNothing(bool json, bool terminal)
    {
        using var error = new StringWriter();

        var view = ProgressView.Create(new ProgressRequest(json, error), terminal, noColor: false);

        Assert.Same(NullProgressReporter.Instance, view);
    }

    [Fact]
    public void Create_TextOnATerminal_IsTheLiveView()
    {
        using var error = new StringWriter();

        var view = ProgressView.Create(new ProgressRequest(false, error), errorIsTerminal: true, noColor: true);

        Assert.IsType<LiveProgressView>(view);
        ((IDisposable)view).Dispose();
    }

    [Fact]
    public void LiveView_ShowsEveryHostsLatestStageSortedByName()
    {
        using var error = new StringWriter();
        var view = new LiveProgressView(error, interactive: false, noColor: true);

        view.Report("web-2", HostStage.Creating);
        view.Report("app-1", HostStage.WaitingForSsh);
        view.Report("app-1", HostStage.Failed);
        view.Report("web-2", HostStage.Done);
        view.Dispose();

        var text = error.ToString();
        var last = text[text.LastIndexOf("app-1", StringComparison.Ordinal)..];
        Assert.Matches(@"^app-1\s+failed\s*\n\s*web-2\s+done", last);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostStage.Creating, "creating")]
    [InlineData(HostStage.WaitingForSsh, "waiting for SSH")]
    [InlineData(HostStage.InstallingDocker, "installing Docker")]
    [InlineData(HostStage.JoiningNetwork, "joining tailnet")]
    [InlineData(HostStage.Done, "done")]
    [InlineData(HostStage.Failed, "failed")]
    public void Describe_NamesTheStage(HostStage stage, string text)
    {
        Assert.Equal(text, LiveProgressView.Describe(stage));
    }

    [Fact]
    public async Task LiveView_DryRun_LastFrameSaysWhatWouldBeDoneNotPlanning()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
        world.Cloud.Cloud.Divergence["db-1"] = (PlanAction.Reconcile, [new AddTag("stagecraft")]);
        using var error = new StringWriter();
        world.Progress = request => new LiveProgressView(error, interactive: false, noColor: true);

        var (exit, _, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--dry-run");

        Assert.Equal(0, exit);
        var text = error.ToString();
        var last = text[text.LastIndexOf("app-1", StringComparison.Ordinal)..];
        Assert.Matches(@"^app-1\s+unchanged\s*\n\s*db-1\s+would reconcile\s*\n\s*web-2\s+would create", last);
        Assert.DoesNotContain("planning", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveView_NoBootstrap_LastFrameSaysCreatedNotCreating()
    {
        using var world = new CliWorld();
        using var error = new StringWriter();
        world.Progress = request => new LiveProgressView(error, interactive: false, noColor: true);

        await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod", "--no-bootstrap");

        var text = error.ToString();
        Assert.Matches(@"^app-1\s+created", text[text.LastIndexOf("app-1", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void LiveView_WithColours_DrawsEveryTone()
    {
        using var error = new StringWriter();
        var view = new LiveProgressView(error, interactive: false, noColor: false);

        view.Report("app-1", HostStage.Done);
        view.Report("db-1", HostStage.Failed);
        view.Report("web-2", HostStage.Creating);
        view.Dispose();

        Assert.Matches(@"app-1\s+done\s*\n\s*db-1\s+failed\s*\n\s*web-2\s+creating", error.ToString());
    }

    [Theory]
    [InlineData(true, PlanAction.Create, null, BootstrapStatus.Skipped, "", "would create")]
    [InlineData(true, PlanAction.Reconcile, null, BootstrapStatus.Skipped, "", "would reconcile")]
    [InlineData(true, PlanAction.Drift, null, BootstrapStatus.Skipped, "", "drift")]
    [InlineData(true, PlanAction.Unchanged, null, BootstrapStatus.Skipped, "", "unchanged")]
    [InlineData(true, PlanAction.Create, ProvisioningState.Failed, BootstrapStatus.Skipped, "", "failed")]
    [InlineData(false, null, ProvisioningState.Created, BootstrapStatus.Success, "", "done")]
    [InlineData(false, null, ProvisioningState.Created, BootstrapStatus.Failed, "boom", "failed")]
    [InlineData(false, null, ProvisioningState.Created, BootstrapStatus.Skipped, "interrupted before bootstrap started", "interrupted")]
    [InlineData(false, null, ProvisioningState.Drifted, BootstrapStatus.Skipped, "", "drifted")]
    [InlineData(false, null, ProvisioningState.Unchanged, BootstrapStatus.Skipped, "", "unchanged")]
    public void Final_NamesWhereTheHostEnded(bool dryRun, PlanAction? action, ProvisioningState? state, BootstrapStatus status, string message, string expected)
    {
        var host = new HostReport("app-1", "staging-app-1", string.Empty, "app", string.Empty, [], string.Empty, action, state, [], new BootstrapOutcome(status, string.Empty, message));

        Assert.Equal(expected, LiveProgressView.Final(host, dryRun).Text);
    }
}
