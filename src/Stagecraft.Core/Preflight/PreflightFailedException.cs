namespace Stagecraft.Core.Preflight;

/// <summary>The preflight found problems; nothing was changed. Raised and caught inside the engine.</summary>
public sealed class PreflightFailedException : Exception
{
    public PreflightFailedException()
        : this([])
    {
    }

    public PreflightFailedException(string message)
        : base(message)
    {
        Findings = [];
    }

    public PreflightFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Findings = [];
    }

    public PreflightFailedException(IReadOnlyList<PreflightFinding> findings)
        : base(Describe(findings))
    {
        Findings = findings;
    }

    public IReadOnlyList<PreflightFinding> Findings { get; }

    private static string Describe(IReadOnlyList<PreflightFinding> findings) =>
        $"preflight found {findings.Count} problem{(findings.Count == 1 ? string.Empty : "s")}; nothing was changed:"
        + string.Concat(findings.Select(f => $"\n  {f.Message}"));
}
