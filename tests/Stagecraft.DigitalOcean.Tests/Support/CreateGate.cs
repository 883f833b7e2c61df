namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>Holds the responses of <c>POST /v2/droplets</c> (creates) when armed; see <see cref="HeldResponseGate"/>.</summary>
internal sealed class CreateGate : HeldResponseGate
{
    public CreateGate(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override bool Holds(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v2/droplets";
}
