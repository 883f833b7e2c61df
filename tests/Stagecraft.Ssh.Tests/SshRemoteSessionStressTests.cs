using System.Collections.Concurrent;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;
using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Many short commands against real sshd hosts, sequentially and concurrently, while busy threads load the CPU.
/// Commands that finish at once (before stdin is closed) are where a race between sending EOF and the server
/// closing the channel showed up as "connection ... lost while running a command" in the demo.
/// </summary>
public sealed class SshRemoteSessionStressTests
{
    private static readonly string[] Addresses = ["127.0.0.116", "127.0.0.117", "127.0.0.118"];
    private const int SessionsPerHost = 2;
    private const int RoundsPerSession = 4;
    private const int BusyThreads = 3;

    [Fact]
    public async Task RunAsync_WhenManyShortCommandsRunUnderCpuLoad_ReturnsEveryResultAndNeverLosesTheConnection()
    {
        await using var context = await TestHostContext.CreateAsync();
        var hosts = await Task.WhenAll(Addresses.Select(address => context.StartHostAsync(address)));
        var diagnostics = new RecordingDiagnostics();
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var factory = new SshRemoteSessionFactory(ssh);
        var sessions = new List<(string Address, IRemoteSession Session)>();
        foreach (var address in Addresses)
        {
            for (var i = 0; i < SessionsPerHost; i++)
            {
                sessions.Add((address, await factory.ConnectAsync(TestHostContext.HostAt(address), CancellationToken.None)));
            }
        }

        var failures = new ConcurrentQueue<string>();
        var completed = 0;
        using (var load = new CpuLoad(BusyThreads, TimeSpan.FromSeconds(60)))
        {
            await Task.WhenAll(sessions.Select((entry, index) => Task.Run(async () =>
            {
                for (var round = 0; round < RoundsPerSession; round++)
                {
                    // One after another, then a burst of concurrent calls on the same session (the gate serialises them).
                    foreach (var (name, command, expected) in Cases($"s{index}r{round}"))
                    {
                        await RunOneAsync(entry.Session, $"{entry.Address} {name}", command, expected, failures).ConfigureAwait(false);
                        Interlocked.Increment(ref completed);
                    }

                    await Task.WhenAll(Cases($"s{index}r{round}c").Select(async c =>
                    {
                        await RunOneAsync(entry.Session, $"{entry.Address} {c.Name} (concurrent)", c.Command, c.Expected, failures).ConfigureAwait(false);
                        Interlocked.Increment(ref completed);
                    })).ConfigureAwait(false);
                }
            })));
        }

        foreach (var (_, session) in sessions)
        {
            await session.DisposeAsync();
        }

        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20).Concat(SshdProblems(hosts))));
        Assert.Equal(sessions.Count * RoundsPerSession * Cases("x").Count * 2, completed);
        Assert.DoesNotContain(diagnostics.Messages, m => m.Contains("connection lost", StringComparison.Ordinal));
    }

    private static List<(string Name, RemoteCommand Command, RemoteResult Expected)> Cases(string tag) =>
    [
        ("true", new RemoteCommand(["true"]), new RemoteResult(0, string.Empty, string.Empty)),
        ("exit at once", RemoteCommand.Shell("exit 0"), new RemoteResult(0, string.Empty, string.Empty)),
        ("os-release", new RemoteCommand(["sh", "-c", "grep -x 'VERSION_ID=\"22.04\"' /etc/os-release"]), new RemoteResult(0, "VERSION_ID=\"22.04\"\n", string.Empty)),
        ("version-like", new RemoteCommand(["printf", "{\"Version\":\"%s\"}", tag]), new RemoteResult(0, $"{{\"Version\":\"{tag}\"}}", string.Empty)),
        ("stdout+stderr+exit", RemoteCommand.Shell($"echo o-{tag}; echo e-{tag} >&2; exit 3"), new RemoteResult(3, $"o-{tag}\n", $"e-{tag}\n")),
        ("cat without input", new RemoteCommand(["cat"]), new RemoteResult(0, string.Empty, string.Empty)),
        ("cat with input", new RemoteCommand(["cat"]) { Input = new Secret($"in-{tag}") }, new RemoteResult(0, $"in-{tag}", string.Empty)),
        ("input not read", new RemoteCommand(["true"]) { Input = new Secret($"unread-{tag}") }, new RemoteResult(0, string.Empty, string.Empty)),
    ];

    private static async Task RunOneAsync(IRemoteSession session, string name, RemoteCommand command, RemoteResult expected, ConcurrentQueue<string> failures)
    {
        try
        {
            var result = await session.RunAsync(command with { Timeout = TimeSpan.FromSeconds(60) }, CancellationToken.None).ConfigureAwait(false);
            if (result != expected)
            {
                failures.Enqueue($"{name}: expected {expected}, got {result}");
            }
        }
        catch (Exception e) when (e is RemoteConnectionException or InvalidOperationException or ObjectDisposedException)
        {
            failures.Enqueue($"{name}: {e.GetType().Name}: {e.Message}"
                + (e.InnerException is { } inner ? $" <- {inner.GetType().FullName}: {inner.Message}\n{inner.StackTrace}" : string.Empty));
        }
    }

    private static IEnumerable<string> SshdProblems(IEnumerable<SshTestHost> hosts) =>
        hosts.SelectMany(host =>
        {
            var log = Path.Combine(host.StateDirectory, "sshd.log");
            return File.Exists(log)
                ? File.ReadLines(log)
                    .Where(line => line.Contains("channel", StringComparison.OrdinalIgnoreCase) || line.Contains("disconnect", StringComparison.OrdinalIgnoreCase))
                    .Take(10)
                    .Select(line => $"{host.Address} sshd.log: {line}")
                : [];
        });

    /// <summary>Threads that spin until disposed or until <c>limit</c> passes, whichever comes first.</summary>
    private sealed class CpuLoad : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly List<Thread> threads = [];

        public CpuLoad(int count, TimeSpan limit)
        {
            stop.CancelAfter(limit);
            var token = stop.Token;
            for (var i = 0; i < count; i++)
            {
                var thread = new Thread(() => Spin(token)) { IsBackground = true, Name = $"cpu-load-{i}" };
                thread.Start();
                threads.Add(thread);
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            stop.Dispose();
        }

        private static void Spin(CancellationToken token)
        {
            var x = 0UL;
            while (!token.IsCancellationRequested)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }

            GC.KeepAlive(x);
        }
    }
}
