namespace Stagecraft.Core.Providers;

/// <summary>
/// One target's deletion: <see cref="Deleted"/> once the provider saw it gone (already gone counts), otherwise
/// <see cref="Message"/> says why it is still there (API error after retries, still listed at the deadline).
/// </summary>
public sealed record CloudDeleteResult(string Id, bool Deleted, string Message)
{
    public static CloudDeleteResult Gone(string id) => new(id, true, string.Empty);

    public static CloudDeleteResult Failed(string id, string message) => new(id, false, message);
}
