namespace Stagecraft.DigitalOcean.Api;

/// <summary>Source of retry jitter; tests inject a fixed value so delays are exact.</summary>
internal interface IRetryJitter
{
    /// <summary>A value in [0, 1).</summary>
    double NextFactor();
}
