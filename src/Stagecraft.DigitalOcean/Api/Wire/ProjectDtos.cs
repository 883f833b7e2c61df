namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class ProjectDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool IsDefault { get; init; }
}

internal sealed class ProjectListResponse
{
    public IReadOnlyList<ProjectDto>? Projects { get; init; }

    public LinksDto? Links { get; init; }
}

internal sealed class ProjectResourceDto
{
    public string? Urn { get; init; }

    public string? Status { get; init; }
}

internal sealed class ProjectResourcesResponse
{
    public IReadOnlyList<ProjectResourceDto>? Resources { get; init; }

    public LinksDto? Links { get; init; }
}

internal sealed class AssignResourcesRequest
{
    public required IReadOnlyList<string> Resources { get; init; }
}
