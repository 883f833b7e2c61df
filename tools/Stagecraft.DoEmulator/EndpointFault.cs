namespace Stagecraft.DoEmulator;

/// <summary>
/// Answers the first <see cref="Count"/> authenticated requests matching <see cref="Method"/> and
/// <see cref="PathPattern"/> with <see cref="Kind"/>. The pattern is an absolute path whose <c>*</c> segments match any
/// one segment (<c>/v2/droplets/*</c>, <c>/v2/tags/*/resources</c>); the query string is ignored. With
/// <see cref="AfterEffect"/> the request is served first (a create really creates) and only its response is replaced.
/// <see cref="Delay"/> is how long <see cref="EndpointFaultKind.Delay"/> holds the real response (always served first).
/// </summary>
public sealed record EndpointFault(
    string Method,
    string PathPattern,
    EndpointFaultKind Kind,
    int Count = 1,
    bool AfterEffect = false,
    TimeSpan Delay = default)
{
    /// <summary>True when <paramref name="method"/> and <paramref name="path"/> (no query) are what this fault targets.</summary>
    public bool Matches(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = PathPattern.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        return expected.Length == actual.Length
            && expected.Zip(actual).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.Ordinal));
    }
}
