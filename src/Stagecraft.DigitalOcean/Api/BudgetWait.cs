namespace Stagecraft.DigitalOcean.Api;

/// <summary>What <see cref="RateLimitBudget.TryAcquire"/> says: zero to send now, or how long to wait and why.</summary>
internal readonly record struct BudgetWait(TimeSpan Delay, BudgetReason Reason);
