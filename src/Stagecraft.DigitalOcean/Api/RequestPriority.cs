namespace Stagecraft.DigitalOcean.Api;

/// <summary>How a request fares when the rate-limit budget runs short.</summary>
internal enum RequestPriority
{
    /// <summary>Plan reads, preflight, creates, tags, power-ons, firewall and project changes: paced only when the budget is nearly gone.</summary>
    Immediate,

    /// <summary>
    /// Polls (waiting for active, for an action, for a delete, for an ambiguous create to show): they can wait, so they
    /// are paced first, leaving the rest of the budget to the immediate requests.
    /// </summary>
    Deferrable,
}
