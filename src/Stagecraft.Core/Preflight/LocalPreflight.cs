namespace Stagecraft.Core.Preflight;

/// <summary>
/// The local checks of <c>infra.bootstrap.ssh</c>: <see cref="Findings"/> (each <see cref="PreflightScope.Local"/>) and
/// the keys that loaded, whose public halves the cloud preflight compares with the account key new hosts get.
/// </summary>
public sealed record LocalPreflight(IReadOnlyList<PreflightFinding> Findings, IReadOnlyList<LoginKey> LoginKeys)
{
    public static LocalPreflight Clean { get; } = new([], []);
}
