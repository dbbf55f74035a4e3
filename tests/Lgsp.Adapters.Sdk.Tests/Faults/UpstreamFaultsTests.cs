using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Xml;
using Google.Protobuf;
using Grpc.Core;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace Lgsp.Adapters.Sdk.Tests.Faults;

public sealed class UpstreamFaultsTests
{
    [Theory]
    [InlineData(401, "upstream.population.unauthorized", 502)]
    [InlineData(403, "upstream.population.unauthorized", 502)]
    [InlineData(404, "upstream.population.not_found", 404)]
    [InlineData(408, "upstream.population.timeout", 504)]
    [InlineData(429, "upstream.population.rate_limited", 503)]
    [InlineData(400, "upstream.population.rejected", 502)]
    [InlineData(422, "upstream.population.rejected", 502)]
    [InlineData(500, "upstream.population.unavailable", 503)]
    [InlineData(502, "upstream.population.unavailable", 503)]
    [InlineData(503, "upstream.population.unavailable", 503)]
    [InlineData(504, "upstream.population.timeout", 504)]
    public void ForStatus_ErrorStatus_MapsToUpstreamCatalogueError(int status, string code, int hubStatus)
    {
        var error = UpstreamFaults.ForStatus("population", (HttpStatusCode)status);

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(FaultOrigin.Upstream, error.Origin);
        Assert.Equal(hubStatus, error.HttpStatus);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(304)]
    public void ForStatus_Success_IsNotAFault(int status)
    {
        Assert.Null(UpstreamFaults.ForStatus("land", (HttpStatusCode)status));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpstreamFaults.FromStatus("land", (HttpStatusCode)status));
    }

    [Fact]
    public void FromResponse_RetryAfterSeconds_IsTheStatusErrorWithTheWaitInTheDetail()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));

        var ex = UpstreamFaults.FromResponse("population", response, TimeProvider.System);

        Assert.Equal("upstream.population.rate_limited", ex.Error.Code);
        Assert.Contains("retry after 120 s", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_RetryAfterDate_IsMeasuredAgainstTheGivenClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(30));

        var ex = UpstreamFaults.FromResponse("population", response, time);

        Assert.Equal("upstream.population.unavailable", ex.Error.Code);
        Assert.Contains("retry after 30 s", ex.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStatus_RetryAfter_IsInTheDetail()
    {
        var ex = UpstreamFaults.FromStatus("insurance", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2.2));

        Assert.Equal("upstream.insurance.rate_limited", ex.Error.Code);
        Assert.Equal("Upstream answered HTTP 429; retry after 3 s.", ex.Detail?.En);
    }

    [Fact]
    public void FromTransport_TimeoutAndConnectionFailure_AreDistinguished()
    {
        var timeout = UpstreamFaults.FromTransport("business", new TaskCanceledException("t", new TimeoutException()));
        var refused = UpstreamFaults.FromTransport("business", new HttpRequestException("connection refused"));

        Assert.Equal("upstream.business.timeout", timeout.Error.Code);
        Assert.Equal("upstream.business.unavailable", refused.Error.Code);
        Assert.IsType<HttpRequestException>(refused.InnerException);
    }

    [Fact]
    public void Malformed_IsBadResponse()
    {
        var ex = UpstreamFaults.Malformed("civilregistry", new("Thiếu <SoDangKy>.", "Missing <SoDangKy>."));
        Assert.Equal("upstream.civilregistry.bad_response", ex.Error.Code);
        Assert.Equal(502, ex.Error.HttpStatus);
    }

    public static TheoryData<Exception, string, FaultOrigin> Exceptions => new()
    {
        { new TimeoutRejectedException(), "upstream.land.timeout", FaultOrigin.Upstream },
        { new TimeoutException(), "upstream.land.timeout", FaultOrigin.Upstream },
        { new OperationCanceledException(), "upstream.land.timeout", FaultOrigin.Upstream },
        { new BrokenCircuitException(), "upstream.land.circuit_open", FaultOrigin.Upstream },
        { new IsolatedCircuitException(), "upstream.land.circuit_open", FaultOrigin.Upstream },
        { new RateLimiterRejectedException(), "hub.upstream_capacity_exceeded", FaultOrigin.Hub },
        { new HttpRequestException("connection refused"), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new HttpRequestException("gateway", null, HttpStatusCode.BadGateway), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new HttpIOException(HttpRequestError.ResponseEnded), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new JsonException("bad"), "upstream.land.bad_response", FaultOrigin.Upstream },
        { new XmlException("bad"), "upstream.land.bad_response", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.Unavailable, "")), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.DeadlineExceeded, "")), "upstream.land.timeout", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.ResourceExhausted, "")), "upstream.land.rate_limited", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.NotFound, "")), "upstream.land.not_found", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.Unauthenticated, "")), "upstream.land.unauthorized", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.PermissionDenied, "")), "upstream.land.unauthorized", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.InvalidArgument, "")), "upstream.land.rejected", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.FailedPrecondition, "")), "upstream.land.rejected", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message.")), "upstream.land.bad_response", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.DataLoss, "")), "upstream.land.bad_response", FaultOrigin.Upstream },
        // What Grpc.Net.Client 2.85 really throws for a unary answer that is not protobuf.
        {
            new RpcException(new Status(StatusCode.Unavailable, "Error starting gRPC call. InvalidProtocolBufferException: Protocol message contained an invalid tag (zero).",
                UnreadableProtobuf())),
            "upstream.land.bad_response", FaultOrigin.Upstream
        },
        { new RpcException(new Status(StatusCode.Internal, "boom")), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.Unknown, "")), "upstream.land.unavailable", FaultOrigin.Upstream },
        { new RpcException(new Status(StatusCode.Unimplemented, "")), "upstream.land.unavailable", FaultOrigin.Upstream },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void TryTranslate_Exception_MapsToTheCatalogue(Exception exception, string code, FaultOrigin origin)
    {
        Assert.True(UpstreamFaults.TryTranslate("land", exception, CancellationToken.None, out var fault));

        Assert.Equal(code, fault.Error.Code);
        Assert.Equal(origin, fault.Error.Origin);
    }

    [Fact]
    public void TryTranslate_BrokenCircuitWithRetryAfter_SaysWhenCallsResume()
    {
        Assert.True(UpstreamFaults.TryTranslate("land", new BrokenCircuitException("open", TimeSpan.FromSeconds(4.2)), CancellationToken.None, out var fault));

        Assert.Equal(503, fault.Error.HttpStatus);
        Assert.Equal("Calls resume in about 5 s.", fault.Detail?.En);
    }

    [Fact]
    public void TryTranslate_PushbackTrailer_IsInTheDetail()
    {
        var trailers = new Metadata { { "grpc-retry-pushback-ms", "1500" } };

        Assert.True(UpstreamFaults.TryTranslate("land", new RpcException(new Status(StatusCode.ResourceExhausted, ""), trailers), CancellationToken.None, out var fault));

        Assert.Equal("Upstream ended the call with gRPC status ResourceExhausted; retry after 2 s.", fault.Detail?.En);
    }

    [Fact]
    public async Task TryTranslate_RefitApiException_UsesStatusAndRetryAfter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://upstream/x");
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var api = await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());

        Assert.True(UpstreamFaults.TryTranslate("business", api, CancellationToken.None, out var fault));

        Assert.Equal("upstream.business.rate_limited", fault.Error.Code);
        Assert.Equal("Upstream answered HTTP 429; retry after 7 s.", fault.Detail?.En);
    }

    [Fact]
    public async Task TryTranslate_RefitUnreadableSuccess_IsBadResponse()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://upstream/x");
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        var api = await ApiException.Create("An error occurred deserializing the response.", request, HttpMethod.Get, response, new RefitSettings(), new JsonException("bad"));

        Assert.True(UpstreamFaults.TryTranslate("business", api, CancellationToken.None, out var fault));

        Assert.Equal("upstream.business.bad_response", fault.Error.Code);
    }

    [Fact]
    public void TryTranslate_CallerCancelled_StaysACancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(UpstreamFaults.TryTranslate("land", new OperationCanceledException(cancelled.Token), cancelled.Token, out _));
        Assert.False(UpstreamFaults.TryTranslate("land", new TaskCanceledException(), cancelled.Token, out _));
    }

    [Fact]
    public void TryTranslate_CatalogueErrorOrBug_PassesThroughOrIsLeftAlone()
    {
        var known = new LgspException(UpstreamErrors.For("land").NotFound);

        Assert.True(UpstreamFaults.TryTranslate("land", known, CancellationToken.None, out var fault));
        Assert.Same(known, fault);
        Assert.False(UpstreamFaults.TryTranslate("land", new NullReferenceException(), CancellationToken.None, out _));
    }

    [Fact]
    public void Disabled_And_HubCapacity_AreTheHubsOwn()
    {
        Assert.Equal(FaultOrigin.Hub, UpstreamFaults.Disabled("land").Error.Origin);
        Assert.Equal("hub.source_disabled", UpstreamFaults.Disabled("land").Error.Code);
        Assert.Equal(503, UpstreamFaults.HubCapacityExceeded("land").Error.HttpStatus);
    }

    private static InvalidProtocolBufferException UnreadableProtobuf()
    {
        try
        {
            Google.Protobuf.WellKnownTypes.Empty.Parser.ParseFrom([0x00, 0xFF]);
        }
        catch (InvalidProtocolBufferException e)
        {
            return e;
        }

        throw new InvalidOperationException("Field 0 parsed.");
    }
}
