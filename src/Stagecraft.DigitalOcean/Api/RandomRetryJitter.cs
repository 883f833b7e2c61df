using System.Security.Cryptography;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>Production jitter. <see cref="RandomNumberGenerator"/> is thread-safe and needs no shared mutable state.</summary>
internal sealed class RandomRetryJitter : IRetryJitter
{
    private const int Resolution = 1 << 20;

    public double NextFactor() => RandomNumberGenerator.GetInt32(Resolution) / (double)Resolution;
}
