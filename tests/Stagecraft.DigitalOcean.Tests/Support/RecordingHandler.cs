using System.Collections.Concurrent;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>Real HTTP underneath; records each request (method, path and query, body) as the client sent it.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<SentRequest> sent = new();

    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public IReadOnlyList<SentRequest> Sent => [.. sent];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.PathAndQuery, body, request.Headers.Authorization?.Scheme));
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }
}
