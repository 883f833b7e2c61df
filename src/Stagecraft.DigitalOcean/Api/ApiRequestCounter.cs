using System.Globalization;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// Counts the HTTP requests one provider sends, by <see cref="ApiRequestClass"/> (every attempt, retries included:
/// that is what the rate limit counts), and how many of them the API refused with 429. Shared by every view of the
/// executor; thread-safe. The counts depend on timing (how many polls a wait took), so they go to diagnostics only,
/// never into the report.
/// </summary>
internal sealed class ApiRequestCounter
{
    private readonly int[] counts = new int[Enum.GetValues<ApiRequestClass>().Length];
    private int refused;

    public void Sent(ApiRequestClass requestClass) => Interlocked.Increment(ref counts[(int)requestClass]);

    public void Refused() => Interlocked.Increment(ref refused);

    public int Total => Enum.GetValues<ApiRequestClass>().Sum(Count);

    public int RefusedCount => Volatile.Read(ref refused);

    public int Count(ApiRequestClass requestClass) => Volatile.Read(ref counts[(int)requestClass]);

    /// <summary>One line, e.g. <c>digitalocean: 18 API requests (0 refused with 429): list droplets by tag 6, create droplets 5, …</c>; classes in a fixed order, those never used left out.</summary>
    public string Summary()
    {
        var parts = Enum.GetValues<ApiRequestClass>()
            .Where(c => Count(c) > 0)
            .Select(c => $"{ApiRequestClasses.Describe(c)} {Number(Count(c))}");
        var total = Total;
        var line = $"digitalocean: {Number(total)} API request{(total == 1 ? string.Empty : "s")} ({Number(RefusedCount)} refused with 429)";
        return total == 0 ? line : $"{line}: {string.Join(", ", parts)}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
