using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Tests.Support;

internal sealed class FixedJitter(double factor) : IRetryJitter
{
    public double NextFactor() => factor;
}
