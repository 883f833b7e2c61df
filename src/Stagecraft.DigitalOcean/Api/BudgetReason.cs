namespace Stagecraft.DigitalOcean.Api;

/// <summary>Why the rate-limit budget holds a request back.</summary>
internal enum BudgetReason
{
    None,

    /// <summary>The client's count of the last 60 s is at the burst share of the request's priority.</summary>
    Burst,

    /// <summary>Few requests are left of the hourly quota, or a 429 said to wait.</summary>
    Quota,
}
