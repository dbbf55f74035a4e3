using System.Collections.Concurrent;
using Grpc.Net.Client;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Grpc;

/// <summary>
/// One gRPC channel per client and base address. A client created after an operator changed the source's
/// <c>BaseUrl</c> gets a channel to the new address; calls already running keep theirs (it is left to them, then to the
/// garbage collector: its HTTP handler belongs to the HTTP client factory, which rotates and disposes it). A channel is
/// also renewed after <see cref="Lifetime"/>, so the factory's handler rotation (DNS changes) reaches gRPC too.
/// </summary>
internal sealed class UpstreamGrpcChannels(IOptionsMonitor<UpstreamOptions> options, IHttpMessageHandlerFactory handlers, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> _channels = new(StringComparer.Ordinal);

    public GrpcChannel For(string source, string clientName)
    {
        var address = options.Get(source).BaseUri;
        var now = time.GetUtcNow();
        if (_channels.TryGetValue(clientName, out var entry) && entry.Address == address && now - entry.Created < Lifetime)
        {
            return entry.Channel;
        }

        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handlers.CreateHandler(clientName), DisposeHttpClient = false });
        // Two callers racing here may both make one; either is right, the other is collected.
        _channels[clientName] = new Entry(address, channel, now);
        return channel;
    }

    private sealed record Entry(Uri Address, GrpcChannel Channel, DateTimeOffset Created);
}
