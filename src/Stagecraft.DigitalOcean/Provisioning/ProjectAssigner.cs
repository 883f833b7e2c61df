using System.Globalization;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// <c>project:</c> — droplets land in the account's default project (the create body has no project field), so they are
/// assigned afterwards with <c>POST /v2/projects/{id}/resources</c>. The projects and each named project's resources
/// are read once per run, and only when some host names a project: the plan marks an existing droplet outside its
/// project with <see cref="MoveToProject"/>, the apply assigns what is missing and checks every item's status.
/// There is no unassign: stagecraft never takes a droplet out of a project except into the one the config names.
/// </summary>
internal sealed class ProjectAssigner
{
    private static readonly string[] Assigned = ["ok", "assigned", "already_assigned"];

    private readonly DigitalOceanApiClient api;
    private readonly IDiagnostics diagnostics;
    private readonly Dictionary<string, HashSet<string>> members = new(StringComparer.Ordinal);
    private IReadOnlyList<ProjectDto>? projects;

    public ProjectAssigner(DigitalOceanApiClient api, IDiagnostics diagnostics)
    {
        this.api = api;
        this.diagnostics = diagnostics;
    }

    public static string Urn(long dropletId) => string.Create(CultureInfo.InvariantCulture, $"do:droplet:{dropletId}");

    /// <returns>The project with that name; null when the account has none.</returns>
    public async Task<ProjectDto?> FindAsync(string name, CancellationToken cancellationToken)
    {
        projects ??= await api.ListProjectsAsync(cancellationToken).ConfigureAwait(false);
        return projects.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
    }

    /// <summary>Whether the droplet is in the named project; true when the project does not exist (the preflight says so).</summary>
    public async Task<bool> IsMemberAsync(string project, long dropletId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(project, cancellationToken).ConfigureAwait(false);
        return found?.Id is not { } id || (await MembersAsync(id, cancellationToken).ConfigureAwait(false)).Contains(Urn(dropletId));
    }

    /// <summary>Assigns each droplet (id → project name) that is not yet in its project; returns the droplets assigned.</summary>
    public async Task<IReadOnlyList<long>> AssignAsync(IReadOnlyDictionary<long, string> wanted, CancellationToken cancellationToken)
    {
        var moved = new List<long>();
        foreach (var group in wanted.GroupBy(w => w.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var project = await FindAsync(group.Key, cancellationToken).ConfigureAwait(false)
                ?? throw new CloudProviderException($"digitalocean provider: no project named '{group.Key}' in the account; create it or fix project");
            var inProject = await MembersAsync(project.Id!, cancellationToken).ConfigureAwait(false);
            var missing = group.Select(g => g.Key).Where(id => !inProject.Contains(Urn(id))).Order().ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            VerboseLog.Write(diagnostics, $"digitalocean: assigning {missing.Count} droplet(s) to project {group.Key} ({project.Id})");
            var result = await api.AssignResourcesAsync(project.Id!, [.. missing.Select(Urn)], cancellationToken).ConfigureAwait(false);
            var failed = result.Where(r => missing.Select(Urn).Contains(r.Urn, StringComparer.Ordinal) && !Assigned.Contains(r.Status, StringComparer.Ordinal)).ToList();
            if (failed.Count > 0)
            {
                throw new CloudProviderException(
                    $"digitalocean provider: assigning to project {group.Key} failed for {string.Join(", ", failed.Select(f => $"{f.Urn} ({f.Status})"))}; run stagecraft infra up again");
            }

            inProject.UnionWith(missing.Select(Urn));
            moved.AddRange(missing);
        }

        return moved;
    }

    private async Task<HashSet<string>> MembersAsync(string projectId, CancellationToken cancellationToken)
    {
        if (!members.TryGetValue(projectId, out var urns))
        {
            var resources = await api.ListProjectResourcesAsync(projectId, cancellationToken).ConfigureAwait(false);
            urns = [.. resources.Select(r => r.Urn).OfType<string>()];
            members[projectId] = urns;
        }

        return urns;
    }
}
