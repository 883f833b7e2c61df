using System.Net;
using System.Text.Json.Nodes;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>A response read whole: status, headers, raw body and parsed JSON (null for an empty body).</summary>
internal sealed record ApiResult(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("empty body");

    public string Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"header {name} missing");

    public static async Task<ApiResult> FromAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(",", values);
            }

            return new ApiResult(response.StatusCode, headers, await response.Content.ReadAsStringAsync());
        }
    }
}
