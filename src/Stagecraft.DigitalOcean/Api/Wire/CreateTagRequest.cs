namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class CreateTagRequest
{
    public required string Name { get; init; }
}
