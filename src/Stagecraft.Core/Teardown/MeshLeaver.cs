using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Teardown;

/// <summary>
/// The best-effort leave of the mesh before deletion: for each target with a public IP, one SSH connection (within
/// <see cref="ConnectBudget"/>) and the network provider's leave. A host that cannot be reached, or whose leave fails,
/// is still deleted: the outcome only goes into the report. Hosts are handled concurrently (bounded).
/// </summary>
internal sealed class MeshLeaver
{
    /// <summary>The most one host's connection and leave may take: a teardown does not wait for a host's boot.</summary>
    public static readonly TimeSpan MaxConnectBudget = TimeSpan.FromSeconds(30);

    private const int Concurrency = 16;

    private readonly INetworkProvider network;
    private readonly IRemoteSessionFactory sessions;
    private readonly TimeProvider time;

    public MeshLeaver(INetworkProvider network, IRemoteSessionFactory sessions, TimeProvider time, TimeSpan readyTimeout)
    {
        this.network = network;
        this.sessions = sessions;
        this.time = time;
        ConnectBudget = readyTimeout < MaxConnectBudget ? readyTimeout : MaxConnectBudget;
    }

    public TimeSpan ConnectBudget { get; }

    /// <summary>Each target's leave, by id. Stops starting new leaves once <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<IReadOnlyDictionary<string, NetworkLeave>> LeaveAllAsync(IReadOnlyList<Host> targets, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, NetworkLeave>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            targets,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (host, token) => results[host.Id] = await LeaveAsync(host, token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task<NetworkLeave> LeaveAsync(Host host, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(host.PublicIp))
        {
            return new NetworkLeave(NetworkLeaveStatus.Unreachable, "no public IPv4");
        }

        using var budget = new CancellationTokenSource(ConnectBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            await using var session = await sessions.ConnectAsync(host, linked.Token).ConfigureAwait(false);
            return await network.LeaveAsync(session, host, linked.Token).ConfigureAwait(false);
        }
        catch (RemoteConnectionException ex)
        {
            return new NetworkLeave(NetworkLeaveStatus.Unreachable, OneLineText.Of(ex.Message));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new NetworkLeave(NetworkLeaveStatus.Unreachable, $"no answer over SSH within {Configuration.DurationParser.Format(ConnectBudget)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new NetworkLeave(NetworkLeaveStatus.Failed, $"internal error (a bug): {UnexpectedError.Describe(ex)}");
        }
    }
}
