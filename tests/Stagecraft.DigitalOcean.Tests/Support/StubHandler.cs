using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>A scripted transport for client unit tests: the responder sees each request and its 1-based number.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> responder) : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> requests = new();
    private int count;

    public IReadOnlyList<string> Requests => [.. requests];

    public string? LastAuthorization { get; private set; }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        requests.Enqueue($"{request.Method} {request.RequestUri}");
        LastAuthorization = request.Headers.Authorization?.ToString();
        return responder(request, Interlocked.Increment(ref count)).WaitAsync(cancellationToken);
    }
}
