namespace Stagecraft.Core.Configuration;

/// <summary>
/// The known key an unknown one was most likely meant to be (<c>ready_timeot</c> → <c>ready_timeout</c>): the one at the
/// smallest edit distance (insert, delete, substitute, swap two neighbours), if that distance is small for the key's
/// length (at most 1 for keys up to 4 characters, else at most 2) and no other key is as close. Case is ignored.
/// </summary>
public static class KeySuggestion
{
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(known);
        var limit = unknown.Length <= 4 ? 1 : 2;
        var ranked = known
            .Select(k => (Key: k, Distance: Distance(unknown.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Distance == ranked[0].Distance))
        {
            return null;
        }

        return ranked[0].Key;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
