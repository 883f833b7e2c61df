using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Rendering.Status;

/// <summary>
/// The one place an <c>infra status</c> host's findings become words, shared by the text and JSON renderers: the
/// stable state names (<c>ok</c>, <c>not_pinned</c> …) and one line per problem, in a fixed order.
/// </summary>
internal static class StatusWords
{
    public static string Check(ConnectionCheck check) => check switch
    {
        ConnectionCheck.Ok => "ok",
        ConnectionCheck.NotPinned => "not_pinned",
        ConnectionCheck.Mismatch => "mismatch",
        ConnectionCheck.AuthenticationFailed => "auth_failed",
        _ => "unreachable",
    };

    public static string Plan(PlanAction action) => action switch
    {
        PlanAction.Create => "missing",
        PlanAction.Reconcile => "reconcile",
        PlanAction.Drift => "drift",
        _ => "unchanged",
    };

    /// <summary>Why the host is not healthy, one line each; empty for a healthy host.</summary>
    public static IReadOnlyList<string> Problems(HostStatus host, bool remoteChecked)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<string>();
        if (host.Existing is not { } existing)
        {
            problems.Add("does not exist: stagecraft infra up creates it");
            return problems;
        }

        if (existing.PublicIp is not { Length: > 0 })
        {
            problems.Add($"no public IPv4 yet (status {(existing.Status.Length > 0 ? existing.Status : "unknown")})");
        }

        foreach (var change in host.Changes)
        {
            problems.Add(change is Drift ? $"drift: {PlanChangeText.Describe(change)}" : $"differs from the config: infra up would {PlanChangeText.Describe(change)}");
        }

        if (host.Action == PlanAction.Drift && !host.Changes.Any(c => c is Drift))
        {
            problems.Add("drift from the config");
        }

        if (host.InternalError is { } bug)
        {
            problems.Add($"internal error (a bug; run again with --verbose and report it): {bug}");
        }

        if (!remoteChecked || host.InternalError is not null || !host.Reachable)
        {
            return problems;
        }

        if (host.Ssh is not { } ssh)
        {
            problems.Add("ssh: not checked (interrupted)");
            return problems;
        }

        if (!ssh.Ok)
        {
            problems.Add($"ssh {Check(ssh.Check).Replace('_', ' ')}: {ssh.Message}");
            return problems;
        }

        if (host.Docker is { Ok: false } docker)
        {
            problems.Add($"docker: {docker.Problem ?? "no server version"}");
        }

        if (host.Mesh is not { } mesh)
        {
            problems.Add("mesh: not checked (interrupted)");
            return problems;
        }

        // Tags are compared once the node is where it belongs; before that (not logged in …) they say nothing more.
        problems.AddRange(mesh.State.Problems.Select(p => $"mesh: {p}"));
        if (mesh.State.Problems.Count == 0 && !mesh.TagsMatch)
        {
            problems.Add($"mesh: tags {Tags(mesh.State.Tags)}, expected {Tags(mesh.ExpectedTags)}");
        }

        return problems;
    }

    public static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "(none)" : string.Join(", ", tags);
}
