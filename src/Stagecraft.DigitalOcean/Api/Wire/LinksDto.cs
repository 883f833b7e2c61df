namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary><c>links</c>: may be absent, <c>{}</c> or <c>{"pages":{}}</c> on the last page.</summary>
internal sealed class LinksDto
{
    public PagesDto? Pages { get; init; }
}
