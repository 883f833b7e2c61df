using System.Collections.Concurrent;

namespace Stagecraft.Core.Testing;

/// <summary>
/// Named places where a fake throws an arbitrary exception (to prove a bug anywhere still ends in a report), e.g.
/// <c>"plan"</c>, <c>"run db-1"</c>. Each fake documents its points.
/// </summary>
public sealed class ThrowPoints
{
    private readonly ConcurrentDictionary<string, Exception> points = new(StringComparer.Ordinal);

    public void Set(string point, Exception exception) => points[point] = exception;

    public void ThrowIfSet(string point)
    {
        if (points.TryGetValue(point, out var exception))
        {
            throw exception;
        }
    }
}
