using System.Globalization;
using Stagecraft.Core.Bootstrap;

namespace Stagecraft.Cli.Composition;

/// <summary>Per-host progress on a TTY stderr: one line per state change, host names sorted in the final view. Never on stdout.</summary>
internal sealed class LiveProgressReporter : IProgressReporter
{
    private readonly TextWriter error;
    private readonly bool noColor;
    private readonly Lock gate = new();

    public LiveProgressReporter(TextWriter error, bool noColor)
    {
        this.error = error;
        this.noColor = noColor;
    }

    public void Report(string hostName, HostStage stage)
    {
        var text = stage switch
        {
            HostStage.Planning => "planning",
            HostStage.Creating => "creating",
            HostStage.WaitingForSsh => "waiting for SSH",
            HostStage.CheckingOs => "checking OS",
            HostStage.InstallingDocker => "installing Docker",
            HostStage.InstallingNetwork => "installing network",
            HostStage.JoiningNetwork => "joining tailnet",
            HostStage.Done => "done",
            _ => "failed",
        };
        var colored = noColor ? text : stage switch
        {
            HostStage.Done => $"\u001b[32m{text}\u001b[0m",
            HostStage.Failed => $"\u001b[31m{text}\u001b[0m",
            _ => text,
        };
        lock (gate)
        {
            error.Write(string.Create(CultureInfo.InvariantCulture, $"  {hostName}: {colored}\n"));
        }
    }
}
