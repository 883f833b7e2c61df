using Stagecraft.DoEmulator;

namespace Stagecraft.Benchmarks;

/// <summary>The API traffic of one run: counts per class, 429s, and the busiest 60 s window.</summary>
internal sealed record RequestSummary(
    int Total,
    IReadOnlyDictionary<RequestClass, int> ByClass,
    int TooManyRequests,
    int PeakPerMinute,
    TimeSpan? LastCreateSeenAt)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public int Count(RequestClass requestClass) => ByClass.GetValueOrDefault(requestClass);

    /// <summary>
    /// Everything except the lists by tag (the plan's and the polls') and the one SSH key lookup. The report's budget
    /// allows at most 2 more of these per extra host than N=1 made (which holds the other per-run requests).
    /// </summary>
    public int PerHostRequests => Total - Count(RequestClass.ListByTag) - Count(RequestClass.SshKeys);

    public static RequestSummary From(IReadOnlyList<TimedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var byClass = requests
            .GroupBy(r => Classify(r.Request))
            .ToDictionary(g => g.Key, g => g.Count());
        var peak = 0;
        var start = 0;
        for (var end = 0; end < requests.Count; end++)
        {
            while (requests[end].SeenAt - requests[start].SeenAt >= Window)
            {
                start++;
            }

            peak = Math.Max(peak, end - start + 1);
        }

        var creates = requests.Where(r => Classify(r.Request) == RequestClass.CreateDroplets).ToList();
        return new RequestSummary(
            requests.Count,
            byClass,
            requests.Count(r => r.Request.StatusCode == 429),
            peak,
            creates.Count > 0 ? creates.Max(r => r.SeenAt) : null);
    }

    public static RequestClass Classify(EmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.PathAndQuery;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        path = path.TrimEnd('/');
        var get = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        return path switch
        {
            _ when get && path.StartsWith("/v2/account/keys", StringComparison.Ordinal) => RequestClass.SshKeys,
            "/v2/droplets" when get => ListClass(request.PathAndQuery),
            "/v2/droplets" when post => RequestClass.CreateDroplets,
            _ when get && IsDropletById(path) => RequestClass.GetDroplet,
            _ when post && path.StartsWith("/v2/tags", StringComparison.Ordinal) => RequestClass.Tags,
            _ => RequestClass.Other,
        };
    }

    private static RequestClass ListClass(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var parameters = query < 0 ? [] : pathAndQuery[(query + 1)..].Split('&').Select(p => p.Split('=')[0]).ToArray();
        return parameters.Contains("tag_name", StringComparer.Ordinal) ? RequestClass.ListByTag
            : parameters.Contains("name", StringComparer.Ordinal) ? RequestClass.ListByName
            : RequestClass.ListOther;
    }

    private static bool IsDropletById(string path)
    {
        const string Prefix = "/v2/droplets/";
        return path.StartsWith(Prefix, StringComparison.Ordinal) && path.Length > Prefix.Length && path[Prefix.Length..].All(char.IsAsciiDigit);
    }
}
