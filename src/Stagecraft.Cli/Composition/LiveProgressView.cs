using Spectre.Console;
using Stagecraft.Core.Bootstrap;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// A live per-host table on stderr (Spectre.Console), redrawn when a host changes stage. Hosts sorted by name.
/// Only progress: the report on stdout does not depend on it. Dispose draws the final state and stops.
/// </summary>
internal sealed class LiveProgressView : IProgressReporter, IDisposable
{
    private readonly SortedDictionary<string, HostStage> stages = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly SemaphoreSlim changed = new(0);
    private readonly CancellationTokenSource stop = new();
    private readonly bool noColor;
    private readonly Task loop;

    public LiveProgressView(TextWriter error, bool interactive, bool noColor)
    {
        this.noColor = noColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        loop = console.Live(Render()).AutoClear(false).StartAsync(RunAsync);
    }

    public void Report(string hostName, HostStage stage)
    {
        lock (gate)
        {
            stages[hostName] = stage;
        }

        changed.Release();
    }

    public void Dispose()
    {
        stop.Cancel();
        try
        {
            loop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        stop.Dispose();
        changed.Dispose();
    }

    internal static string Describe(HostStage stage) => stage switch
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

    private async Task RunAsync(LiveDisplayContext context)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            context.UpdateTarget(Render());
            context.Refresh();
        }

        context.UpdateTarget(Render());
        context.Refresh();
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn("host").AddColumn("stage");
        lock (gate)
        {
            foreach (var (host, stage) in stages)
            {
                table.AddRow(new Text(host), Styled(stage));
            }
        }

        return table;
    }

    private Text Styled(HostStage stage) =>
        new(Describe(stage), noColor ? Style.Plain : stage switch
        {
            HostStage.Done => new Style(Color.Green),
            HostStage.Failed => new Style(Color.Red),
            _ => new Style(Color.Yellow),
        });
}
