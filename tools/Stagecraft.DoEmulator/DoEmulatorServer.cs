using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Stagecraft.DoEmulator.Http;
using Stagecraft.DoEmulator.Model;

namespace Stagecraft.DoEmulator;

/// <summary>A DigitalOcean API v2 emulator served by Kestrel on 127.0.0.1.</summary>
public sealed class DoEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CloudState _state;
    private readonly RequestLog _log;

    private DoEmulatorServer(WebApplication app, CloudState state, RequestLog log, EmulatorFaults faults, Uri baseUrl)
    {
        Faults = faults;
        _app = app;
        _state = state;
        _log = log;
        BaseUrl = baseUrl;
    }

    /// <summary>Raised once per droplet, the first time it turns active (from a timer on the TimeProvider, or a request).</summary>
#pragma warning disable CA1003 // The agreed public API uses Action<EmulatorDroplet>.
    public event Action<EmulatorDroplet>? DropletBecameActive
#pragma warning restore CA1003
    {
        add => _state.DropletBecameActive += value;
        remove => _state.DropletBecameActive -= value;
    }

    /// <summary>Raised once per droplet when its <c>DELETE</c> is accepted (while it may stay visible for <c>DeleteLag</c>).</summary>
#pragma warning disable CA1003 // Same shape as DropletBecameActive.
    public event Action<EmulatorDroplet>? DropletDeleted
#pragma warning restore CA1003
    {
        add => _state.DropletDeleted += value;
        remove => _state.DropletDeleted -= value;
    }

    /// <summary>Raised after a firewall is created, replaced or deleted (the end-to-end tests re-check SSH reachability).</summary>
#pragma warning disable CA1003 // Same shape as the droplet events.
    public event Action? FirewallsChanged
#pragma warning restore CA1003
    {
        add => _state.FirewallsChanged += value;
        remove => _state.FirewallsChanged -= value;
    }

    /// <summary>Whether the firewalls let <paramref name="source"/> reach the droplet on <paramref name="protocol"/>/<paramref name="port"/> (true when none applies).</summary>
    public bool AllowsInbound(string dropletName, string protocol, int port, System.Net.IPAddress source) =>
        _state.AllowsInbound(dropletName, protocol, port, source);

    /// <summary>The id of the project a droplet is in (the default project unless assigned elsewhere).</summary>
    public string ProjectOf(long dropletId) => _state.ProjectOf(dropletId);

    /// <summary>Every firewall, as the API returns it.</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> Firewalls => _state.Firewalls();

    /// <summary>For example <c>http://127.0.0.1:41234</c>; no trailing <c>/v2</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The faults in force, switchable while the emulator serves.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>A snapshot of all droplets, ordered by id.</summary>
    public IReadOnlyList<EmulatorDroplet> Droplets => _state.Snapshot();

    /// <summary>Every served request, in order.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _log.Snapshot();

    /// <summary>
    /// The most requests (any status, 429s included) that arrived within any span of <paramref name="window"/> on the
    /// emulator's clock, e.g. the busiest 60 s to compare with the burst limit.
    /// </summary>
    public int BusiestWindow(TimeSpan window) => _log.Busiest(window);

    /// <summary>Starts Kestrel on 127.0.0.1 with an ephemeral port.</summary>
    public static Task<DoEmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, 0, cancellationToken);

    /// <summary>Starts Kestrel on 127.0.0.1:<paramref name="port"/> (0 = ephemeral).</summary>
    public static async Task<DoEmulatorServer> StartAsync(EmulatorOptions options, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var faults = new EmulatorFaults(options);
        var state = new CloudState(options, faults);
        var log = new RequestLog();
        var handler = new ApiHandler(options, faults, state, log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DoEmulatorServer(app, state, log, faults, new Uri(address.TrimEnd('/')));
    }

    /// <summary>Adds a droplet that already exists (visible in lists at once; active ones have networks at once).</summary>
    public EmulatorDroplet SeedDroplet(
        string name,
        IEnumerable<string> tags,
        string region = "nyc1",
        string size = "s-2vcpu-4gb",
        string image = "ubuntu-22-04-x64",
        string status = "active") =>
        _state.Seed(name, tags, region, size, image, status);

    /// <summary>Forces a droplet's status (new, active, off, archive).</summary>
    public void SetStatus(long dropletId, string status) => _state.SetStatus(dropletId, status);

    /// <summary>Removes tags from a droplet, as if someone did it by hand.</summary>
    public void RemoveTags(long dropletId, params string[] tags) => _state.RemoveTags(dropletId, tags);

    public async ValueTask DisposeAsync()
    {
        _state.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
