namespace Stagecraft.Core.Preflight;

/// <summary>
/// Something that would make the run fail, found before anything changed. <see cref="Message"/> is one line, says what
/// to do, names <c>file:line:col</c> and the key when a config key is to blame, and never holds a secret.
/// <see cref="Hosts"/> names the declared hosts it concerns (empty: every host the run would create or bootstrap).
/// </summary>
public sealed record PreflightFinding(PreflightScope Scope, string Message)
{
    public IReadOnlyList<string> Hosts { get; init; } = [];
}
