namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class ActionResponse
{
    public ActionDto? Action { get; init; }
}
