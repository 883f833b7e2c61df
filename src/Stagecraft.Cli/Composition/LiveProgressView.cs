using Spectre.Console;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// A live per-host table on stderr (Spectre.Console), redrawn when a host changes stage. Hosts sorted by name.
/// Only progress: the report on stdout does not depend on it. <see cref="Finish"/> sets each host's final state from
/// the report (a dry run's "would create", a run without bootstrap's "created" …); Dispose draws it and stops.
/// </summary>
internal sealed class LiveProgressView : IProgressReporter, IFinalProgress, IDisposable
{
    private readonly SortedDictionary<string, HostState> stages = new(StringComparer.Ordinal);
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
            stages[hostName] = new HostState(Describe(stage), Tone(stage));
        }

        changed.Release();
    }

    public void Finish(InfraUpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            foreach (var host in report.Hosts)
            {
                stages[host.Name] = Final(host, report.DryRun);
            }
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

    /// <summary>Where a host ended, from its report line: bootstrap result if it was bootstrapped, else what the plan or apply did.</summary>
    internal static HostState Final(HostReport host, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Bootstrap.Status == BootstrapStatus.Failed || host.State == ProvisioningState.Failed)
        {
            return new HostState("failed", Outcome.Bad);
        }

        if (host.Bootstrap.Status == BootstrapStatus.Success)
        {
            return new HostState("done", Outcome.Good);
        }

        if (host.Bootstrap.Message.Length > 0)
        {
            return new HostState("interrupted", Outcome.Pending);
        }

        if (dryRun)
        {
            return host.PlanAction switch
            {
                PlanAction.Create => new HostState("would create", Outcome.Good),
                PlanAction.Reconcile => new HostState("would reconcile", Outcome.Good),
                PlanAction.Drift => new HostState("drift", Outcome.Pending),
                _ => new HostState("unchanged", Outcome.Good),
            };
        }

        return new HostState(host.Provisioning, host.State == ProvisioningState.Drifted ? Outcome.Pending : Outcome.Good);
    }

    /// <summary>What a row shows, and how it is coloured.</summary>
    internal sealed record HostState(string Text, Outcome Tone);

    internal enum Outcome
    {
        Pending,
        Good,
        Bad,
    }

    private static Outcome Tone(HostStage stage) => stage switch
    {
        HostStage.Done => Outcome.Good,
        HostStage.Failed => Outcome.Bad,
        _ => Outcome.Pending,
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
            foreach (var (host, state) in stages)
            {
                table.AddRow(new Text(host), Styled(state));
            }
        }

        return table;
    }

    private Text Styled(HostState state) =>
        new(state.Text, noColor ? Style.Plain : state.Tone switch
        {
            Outcome.Good => new Style(Color.Green),
            Outcome.Bad => new Style(Color.Red),
            _ => new Style(Color.Yellow),
        });
}
