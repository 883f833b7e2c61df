namespace Stagecraft.DoEmulator;

/// <summary>What an <see cref="EndpointFault"/> does to a matching request.</summary>
public enum EndpointFaultKind
{
    /// <summary>500 with the usual JSON <c>server_error</c> body.</summary>
    ServerError,

    /// <summary>502 with a <c>text/html</c> page, as a load balancer in front of the API would answer.</summary>
    HtmlBadGateway,

    /// <summary>The connection is aborted (<c>HttpContext.Abort()</c>) instead of answering: a reset mid-response.</summary>
    AbortConnection,

    /// <summary>
    /// The request is served (a create really creates) and its real response is sent only after
    /// <see cref="EndpointFault.Delay"/>: a slow API. A client that gives up first sees nothing.
    /// </summary>
    Delay,
}
