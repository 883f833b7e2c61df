using Stagecraft.Cli.Composition;
using Stagecraft.Core.Bootstrap;

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
}
