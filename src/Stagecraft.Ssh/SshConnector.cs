using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;
using Stagecraft.Ssh.Agent;

namespace Stagecraft.Ssh;

/// <summary>
/// Opens an authenticated <see cref="SshClient"/>: public-key auth with each identity in order (agent keys, then the
/// key file), host key checked against known_hosts
/// (trust on first use; changed, revoked and certificate-authority-only hosts refused), one-line <see cref="RemoteConnectionException"/>s with an <see cref="SshConnectFailure"/> inside.
/// </summary>
internal sealed class SshConnector
{
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    internal static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    private readonly SshSettings settings;
    private readonly IReadOnlyList<SshIdentity> identities;
    private readonly KnownHostsStore knownHosts;
    private readonly IDiagnostics diagnostics;

    public SshConnector(SshSettings settings, IReadOnlyList<SshIdentity> identities, KnownHostsStore knownHosts, IDiagnostics diagnostics)
    {
        this.settings = settings;
        this.identities = identities;
        this.knownHosts = knownHosts;
        this.diagnostics = diagnostics;
    }

    public SshSettings Settings => settings;

    public string Endpoint(string address) => $"{address}:{settings.Port}";

    /// <param name="pinOnFirstUse">
    /// True (bootstrap): an unknown host's key is trusted and pinned. False (verify-only, for read-only commands): an
    /// unknown host's key is not trusted and nothing is written; the connection fails with <see cref="SshFailureKind.HostKeyNotPinned"/>.
    /// </param>
    /// <exception cref="RemoteConnectionException">Unreachable, handshake failed, key refused, host key changed, or (verify-only) not pinned.</exception>
    public async Task<SshClient> ConnectAsync(string address, CancellationToken cancellationToken, bool pinOnFirstUse = true)
    {
        var endpoint = Endpoint(address);
        var known = await knownHosts.FindAsync(address, settings.Port, cancellationToken).ConfigureAwait(false);
        HostKey? presented = null;
        var check = HostKeyCheck.Unknown;

        var info = new ConnectionInfo(address, settings.Port, settings.User, new PrivateKeyAuthenticationMethod(settings.User, [.. identities.Select(i => i.Source)]))
        {
            Timeout = ConnectTimeout,
        };
        SshAlgorithmPreferences.Apply(info);
        var client = new SshClient(info) { KeepAliveInterval = KeepAliveInterval };
        client.HostKeyReceived += (_, e) =>
        {
            presented = HostKey.FromBlob(e.HostKey);
            check = known.Check(presented);
            e.CanTrust = check == HostKeyCheck.Known || (check == HostKeyCheck.Unknown && pinOnFirstUse);
        };

        var tried = string.Join(", ", identities);
        diagnostics.Verbose($"ssh: connecting to {settings.User}@{endpoint} with {tried}");
        try
        {
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                diagnostics.Verbose($"ssh: connected to {endpoint}: key exchange {info.CurrentKeyExchangeAlgorithm}, " +
                    $"host key {info.CurrentHostKeyAlgorithm}, cipher {info.CurrentClientEncryption}");
            }
            finally
            {
                // Pin on first use as soon as the key was seen and accepted, even when authentication failed after it
                // (like OpenSSH): a later retry then already checks against the pin.
                if (presented is not null && check == HostKeyCheck.Unknown && pinOnFirstUse)
                {
                    await knownHosts.PinAsync(address, settings.Port, presented, cancellationToken).ConfigureAwait(false);
                    diagnostics.Verbose($"ssh: pinned host key {presented} for {endpoint} in {knownHosts.Path}");
                }
            }

            return client;
        }
        catch (Exception e) when (presented is not null && check is not (HostKeyCheck.Known or HostKeyCheck.Unknown) && e is not RemoteConnectionException)
        {
            client.Dispose();
            throw knownHosts.RefusedException(address, settings.Port, known, presented, check);
        }
        catch (Exception e) when (presented is not null && check == HostKeyCheck.Unknown && !pinOnFirstUse && !cancellationToken.IsCancellationRequested && e is not RemoteConnectionException)
        {
            client.Dispose();
            var message = $"host key {presented.Fingerprint} of {endpoint} is not pinned in {knownHosts.Path}; not trusted and not pinned " +
                "(read-only check): stagecraft infra up pins it on first use";
            throw Failure(SshFailureKind.HostKeyNotPinned, message, e);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not RemoteConnectionException)
        {
            // Cancelled mid-connect: SSH.NET may surface it as a SocketException ("Operation canceled") or an SshException.
            client.Dispose();
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("connecting was cancelled", e, cancellationToken);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw Failure(SshFailureKind.Authentication, $"authentication failed for {settings.User}@{endpoint} with {tried}", e);
        }
        catch (SshAgentException e)
        {
            client.Dispose();
            throw Failure(SshFailureKind.Authentication, $"authentication failed for {settings.User}@{endpoint} with {tried}: {e.Message}", e);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw Failure(SshFailureKind.Network, $"cannot connect to {endpoint}: {Describe(e)}", e, Describe(e));
        }
        catch (Exception e) when (e is SshOperationTimeoutException or OperationCanceledException or TimeoutException)
        {
            client.Dispose();
            throw Failure(SshFailureKind.Network, $"cannot connect to {endpoint}: timed out", e, "timed out");
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            client.Dispose();
            var reason = OneLine(e.Message);
            throw Failure(SshFailureKind.Network, $"cannot connect to {endpoint}: {reason}", e, reason);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static RemoteConnectionException Failure(SshFailureKind kind, string message, Exception inner, string? reason = null) =>
        new(message, new SshConnectFailure(kind, reason ?? message, inner));

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.HostNotFound => "host not found",
        _ => OneLine(e.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
