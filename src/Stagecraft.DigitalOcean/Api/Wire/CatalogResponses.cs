namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class SizeListResponse
{
    public IReadOnlyList<SizeDto>? Sizes { get; init; }

    public LinksDto? Links { get; init; }
}

internal sealed class RegionListResponse
{
    public IReadOnlyList<RegionDto>? Regions { get; init; }

    public LinksDto? Links { get; init; }
}

internal sealed class ImageResponse
{
    public ImageDto? Image { get; init; }
}

internal sealed class AccountResponse
{
    public AccountDto? Account { get; init; }
}
