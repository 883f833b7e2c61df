using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stagecraft.DoEmulator.Model;

/// <summary>
/// Cloud firewalls: stored as the JSON the API returns (id, name, status, created_at, rules, droplet_ids, tags,
/// pending_changes), replaced whole by PUT, and enforced through <see cref="AllowsInbound"/>: a droplet reached by
/// no firewall accepts everything; one reached by any (by tag or id) accepts only what some inbound rule allows.
/// </summary>
internal sealed partial class CloudState
{
    private readonly SortedDictionary<string, JsonObject> _firewalls = new(StringComparer.Ordinal);
    private long _nextFirewall = 1;

    /// <summary>Raised after a firewall is created, replaced or deleted, outside the lock.</summary>
    public event Action? FirewallsChanged;

    public IReadOnlyList<JsonObject> Firewalls()
    {
        lock (_gate)
        {
            return [.. _firewalls.Values.Select(f => (JsonObject)f.DeepClone())];
        }
    }

    public JsonObject GetFirewall(string id)
    {
        lock (_gate)
        {
            return _firewalls.TryGetValue(id, out var firewall) ? (JsonObject)firewall.DeepClone() : throw ApiException.NotFound();
        }
    }

    /// <summary>Validates and stores a new firewall; the response says <c>waiting</c>, later reads <c>succeeded</c>.</summary>
    public JsonObject CreateFirewall(JsonObject body)
    {
        JsonObject created;
        lock (_gate)
        {
            Advance();
            var id = string.Create(CultureInfo.InvariantCulture, $"fb6045f1-cf1d-4ca3-bfac-{_nextFirewall++:D12}");
            var firewall = Validated(body, id, _time.GetUtcNow());
            _firewalls[id] = firewall;
            created = (JsonObject)firewall.DeepClone();
        }

        FirewallsChanged?.Invoke();
        created["status"] = "waiting";
        return created;
    }

    /// <summary>PUT: replaces everything but id and created_at; attributes left out are reset (no tags detaches them).</summary>
    public JsonObject ReplaceFirewall(string id, JsonObject body)
    {
        JsonObject replaced;
        lock (_gate)
        {
            Advance();
            if (!_firewalls.TryGetValue(id, out var existing))
            {
                throw ApiException.NotFound();
            }

            var createdAt = DateTimeOffset.Parse((string)existing["created_at"]!, CultureInfo.InvariantCulture);
            var firewall = Validated(body, id, createdAt);
            _firewalls[id] = firewall;
            replaced = (JsonObject)firewall.DeepClone();
        }

        FirewallsChanged?.Invoke();
        replaced["status"] = "waiting";
        return replaced;
    }

    public void DeleteFirewall(string id)
    {
        lock (_gate)
        {
            if (!_firewalls.Remove(id))
            {
                throw ApiException.NotFound();
            }
        }

        FirewallsChanged?.Invoke();
    }

    /// <summary>
    /// Whether traffic from <paramref name="source"/> to <paramref name="protocol"/>/<paramref name="port"/> reaches the
    /// droplet named <paramref name="dropletName"/>: true when no firewall applies to it, else when an inbound rule of
    /// one that does allows it (the union of their rules).
    /// </summary>
    public bool AllowsInbound(string dropletName, string protocol, int port, IPAddress source)
    {
        lock (_gate)
        {
            var droplet = _droplets.Values.FirstOrDefault(d => d.Name == dropletName);
            if (droplet is null)
            {
                return true;
            }

            var applying = _firewalls.Values.Where(f =>
                Strings(f["tags"]).Intersect(droplet.Tags, StringComparer.Ordinal).Any() ||
                (f["droplet_ids"] as JsonArray ?? []).Any(i => (long?)i == droplet.Id)).ToList();
            return applying.Count == 0 || applying.Any(f => (f["inbound_rules"] as JsonArray ?? []).OfType<JsonObject>().Any(r => Allows(r, protocol, port, source)));
        }
    }

    private static bool Allows(JsonObject rule, string protocol, int port, IPAddress source)
    {
        if (!string.Equals((string?)rule["protocol"], protocol, StringComparison.Ordinal) || !PortsContain((string?)rule["ports"] ?? "0", port))
        {
            return false;
        }

        return Strings(rule["sources"]?["addresses"]).Any(a =>
            IPNetwork.TryParse(a, out var network) ? network.Contains(source) : IPAddress.TryParse(a, out var one) && one.Equals(source));
    }

    private static bool PortsContain(string ports, int port)
    {
        if (ports is "0" or "all")
        {
            return true;
        }

        var parts = ports.Split('-');
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low) &&
            int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var high) &&
            port >= low && port <= high;
    }

    /// <summary>The firewall as stored, or 400 for what the API refuses: name, at least one rule list, rule shapes, unknown tags.</summary>
    private JsonObject Validated(JsonObject body, string id, DateTimeOffset createdAt)
    {
        var name = body["name"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (name is null || !FirewallName().IsMatch(name))
        {
            throw ApiException.BadRequest($"name '{name}' is invalid: it must start with a letter or digit and contain only letters, digits, '.' and '-' (at least 2 characters)");
        }

        if (body["inbound_rules"] is not JsonArray && body["outbound_rules"] is not JsonArray)
        {
            throw ApiException.BadRequest("at least one of inbound_rules or outbound_rules is required");
        }

        var inbound = Rules(body["inbound_rules"], "sources");
        var outbound = Rules(body["outbound_rules"], "destinations");
        var tags = Strings(body["tags"]).ToList();
        if (tags.FirstOrDefault(t => !_tags.ContainsKey(t)) is { } unknown)
        {
            throw ApiException.BadRequest($"tag '{unknown}' does not exist: create it first");
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = "succeeded",
            ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["pending_changes"] = new JsonArray(),
            ["inbound_rules"] = inbound,
            ["outbound_rules"] = outbound,
            ["droplet_ids"] = new JsonArray([.. (body["droplet_ids"] as JsonArray ?? []).Select(i => (JsonNode?)JsonValue.Create((long)i!))]),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
        };
    }

    /// <summary>Rules as the API reads them back: ports always a string (<c>"0"</c> for all and for ICMP).</summary>
    private static JsonArray Rules(JsonNode? node, string targetKey)
    {
        var result = new JsonArray();
        foreach (var rule in node as JsonArray ?? [])
        {
            var protocol = rule?["protocol"] is JsonValue p && p.TryGetValue(out string? text) ? text : null;
            if (protocol is not ("tcp" or "udp" or "icmp") || rule![targetKey] is not JsonObject target)
            {
                throw ApiException.BadRequest($"each rule needs a protocol (tcp, udp or icmp) and {targetKey}");
            }

            var ports = protocol == "icmp" ? "0" : (string?)rule["ports"] ?? throw ApiException.BadRequest("a tcp or udp rule needs ports");
            ports = ports == "all" ? "0" : ports;
            if (ports != "0" && !(int.TryParse(ports.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) && first is >= 1 and <= 65535 && PortsContain(ports, first)))
            {
                throw ApiException.BadRequest($"ports '{ports}' is invalid");
            }

            result.Add(new JsonObject { ["protocol"] = protocol, ["ports"] = ports, [targetKey] = target.DeepClone() });
        }

        return result;
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9.-]+$")]
    private static partial Regex FirewallName();
}
