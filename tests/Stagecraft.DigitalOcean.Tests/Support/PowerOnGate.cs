using System.Text.RegularExpressions;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>
/// Holds the responses of <c>POST /v2/droplets/{id}/actions</c> when armed; see <see cref="HeldResponseGate"/>. The
/// provider posts no droplet action but <c>power_on</c>, so every one of them is a power-on.
/// </summary>
internal sealed partial class PowerOnGate : HeldResponseGate
{
    public PowerOnGate(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override bool Holds(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && DropletActionPath().IsMatch(request.RequestUri!.AbsolutePath);

    [GeneratedRegex(@"^/v2/droplets/[0-9]+/actions$", RegexOptions.CultureInvariant)]
    private static partial Regex DropletActionPath();
}
