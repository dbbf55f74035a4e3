using System.Net;
using System.Net.Http;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;

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
    public void FromStatus_RetryAfter_IsInTheDetail()
    {
        var ex = UpstreamFaults.FromStatus("insurance", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2.2));

        Assert.Equal("upstream.insurance.rate_limited", ex.Error.Code);
        Assert.Equal("Upstream answered HTTP 429; retry after 3 s.", ex.Detail);
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
        var ex = UpstreamFaults.Malformed("civilregistry", "Missing <SoDangKy>.");
        Assert.Equal("upstream.civilregistry.bad_response", ex.Error.Code);
        Assert.Equal(502, ex.Error.HttpStatus);
    }
}
