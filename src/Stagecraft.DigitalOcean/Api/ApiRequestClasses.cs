namespace Stagecraft.DigitalOcean.Api;

/// <summary>Sorts a request into its <see cref="ApiRequestClass"/> by method, path and query (relative to the base URL, e.g. <c>v2/droplets?tag_name=x</c>).</summary>
internal static class ApiRequestClasses
{
    public static ApiRequestClass Of(HttpMethod method, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? pathAndQuery : pathAndQuery[..question]).Trim('/');
        var query = question < 0 ? string.Empty : pathAndQuery[(question + 1)..];
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0] != "v2")
        {
            return ApiRequestClass.Other;
        }

        var get = method == HttpMethod.Get;
        return (segments[1], segments.Length) switch
        {
            ("droplets", 2) when get && HasParameter(query, "tag_name") => ApiRequestClass.ListDropletsByTag,
            ("droplets", 2) when get && HasParameter(query, "name") => ApiRequestClass.ListDropletsByName,
            ("droplets", 2) when get && query.Split('&').Contains("per_page=1", StringComparer.Ordinal) => ApiRequestClass.CountDroplets,
            ("droplets", 2) when get => ApiRequestClass.ListDroplets,
            ("droplets", 2) when method == HttpMethod.Post => ApiRequestClass.CreateDroplets,
            ("droplets", 3) when get => ApiRequestClass.GetDroplet,
            ("droplets", 3) when method == HttpMethod.Delete => ApiRequestClass.DeleteDroplet,
            ("droplets", >= 4) when segments[3] == "actions" => ApiRequestClass.DropletActions,
            ("actions", _) => ApiRequestClass.GetAction,
            ("account", 2) => ApiRequestClass.Account,
            ("account", _) when segments[2] == "keys" => ApiRequestClass.SshKeys,
            ("regions", _) => ApiRequestClass.Regions,
            ("sizes", _) => ApiRequestClass.Sizes,
            ("images", _) => ApiRequestClass.Images,
            ("vpcs", _) => ApiRequestClass.Vpcs,
            ("tags", _) => ApiRequestClass.Tags,
            ("firewalls", _) => ApiRequestClass.Firewalls,
            ("projects", _) => ApiRequestClass.Projects,
            _ => ApiRequestClass.Other,
        };
    }

    /// <summary>The words the summary uses for <paramref name="requestClass"/>.</summary>
    public static string Describe(ApiRequestClass requestClass) => requestClass switch
    {
        ApiRequestClass.ListDropletsByTag => "list droplets by tag",
        ApiRequestClass.ListDropletsByName => "list droplets by name",
        ApiRequestClass.ListDroplets => "list all droplets",
        ApiRequestClass.CountDroplets => "count droplets",
        ApiRequestClass.GetDroplet => "get droplet",
        ApiRequestClass.CreateDroplets => "create droplets",
        ApiRequestClass.DeleteDroplet => "delete droplet",
        ApiRequestClass.DropletActions => "droplet actions",
        ApiRequestClass.GetAction => "get action",
        ApiRequestClass.Account => "account",
        ApiRequestClass.SshKeys => "ssh keys",
        ApiRequestClass.Regions => "regions",
        ApiRequestClass.Sizes => "sizes",
        ApiRequestClass.Images => "images",
        ApiRequestClass.Vpcs => "vpcs",
        ApiRequestClass.Tags => "tags",
        ApiRequestClass.Firewalls => "firewalls",
        ApiRequestClass.Projects => "projects",
        _ => "other",
    };

    private static bool HasParameter(string query, string name) =>
        query.Split('&').Any(p => p.StartsWith(name + "=", StringComparison.Ordinal));
}
