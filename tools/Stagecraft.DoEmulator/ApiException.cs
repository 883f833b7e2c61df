using System.Net;

namespace Stagecraft.DoEmulator;

/// <summary>An API error: becomes <c>{"id","message","request_id"}</c> with <see cref="Status"/>.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode status, string id, string message)
        : base(message)
    {
        Status = status;
        Id = id;
    }

    public ApiException()
    {
        Id = "server_error";
    }

    public ApiException(string message)
        : base(message)
    {
        Id = "server_error";
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Id = "server_error";
    }

    public HttpStatusCode Status { get; } = HttpStatusCode.InternalServerError;

    public string Id { get; }

    public static ApiException NotFound() =>
        new(HttpStatusCode.NotFound, "not_found", "The resource you requested could not be found.");

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "bad_request", message);

    public static ApiException Unprocessable(string message) =>
        new(HttpStatusCode.UnprocessableEntity, "unprocessable_entity", message);
}
