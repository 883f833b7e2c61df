using System.Globalization;
using System.Text.Json.Nodes;

namespace Stagecraft.DoEmulator.Model;

/// <summary>
/// Projects: the default one (every droplet lands there when created) plus the configured ones. A droplet is in
/// exactly one project; assigning moves it (there is no unassign), and a deleted droplet leaves with it.
/// </summary>
internal sealed partial class CloudState
{
    public const string DefaultProjectId = "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679";
    public const string DefaultProjectName = "first-project";

    private readonly Dictionary<long, (string Project, DateTimeOffset AssignedAt)> _projectOf = [];

    public IReadOnlyList<EmulatorProject> Projects() =>
        [new EmulatorProject(DefaultProjectId, DefaultProjectName), .. _options.Projects];

    /// <summary>The droplets in the project, by id, with when they were assigned; 404 for an unknown project.</summary>
    public IReadOnlyList<(long DropletId, DateTimeOffset AssignedAt)> ProjectResources(string projectId)
    {
        RequireProject(projectId);
        lock (_gate)
        {
            Advance();
            return [.. _droplets.Values
                .Select(d => (d.Id, Assignment: _projectOf.TryGetValue(d.Id, out var a) ? a : (DefaultProjectId, d.CreatedAt)))
                .Where(d => string.Equals(d.Assignment.Item1, projectId, StringComparison.OrdinalIgnoreCase))
                .Select(d => (d.Id, d.Assignment.Item2))];
        }
    }

    /// <summary>Assigns droplet URNs to the project; returns each URN's status: assigned, already_assigned or not_found.</summary>
    public IReadOnlyDictionary<string, string> AssignToProject(string projectId, IReadOnlyList<string> urns)
    {
        RequireProject(projectId);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            Advance();
            foreach (var urn in urns)
            {
                var id = urn.StartsWith("do:droplet:", StringComparison.Ordinal) && long.TryParse(urn["do:droplet:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
                if (id is not { } dropletId || !_droplets.ContainsKey(dropletId))
                {
                    statuses[urn] = "not_found";
                    continue;
                }

                var current = _projectOf.TryGetValue(dropletId, out var a) ? a.Project : DefaultProjectId;
                if (string.Equals(current, projectId, StringComparison.OrdinalIgnoreCase))
                {
                    statuses[urn] = "already_assigned";
                    continue;
                }

                _projectOf[dropletId] = (projectId, _time.GetUtcNow());
                statuses[urn] = "assigned";
            }
        }

        return statuses;
    }

    /// <summary>The project a droplet is in (the default one unless assigned elsewhere).</summary>
    public string ProjectOf(long dropletId)
    {
        lock (_gate)
        {
            return _projectOf.TryGetValue(dropletId, out var a) ? a.Project : DefaultProjectId;
        }
    }

    private void RequireProject(string projectId)
    {
        if (!Projects().Any(p => string.Equals(p.Id, projectId, StringComparison.OrdinalIgnoreCase)))
        {
            throw ApiException.NotFound();
        }
    }
}
