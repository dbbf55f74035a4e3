using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Sandbox.Control.Faults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.Control.Faults;

/// <summary>The generic fault switches, on the business stand-in (HTTP) and a probe gRPC stand-in (h2c).</summary>
public sealed class FaultSwitchTests : IDisposable
{
    private readonly SandboxHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Error_ApiAnswersThatStatus_TokenEndpointStillWorks_DeleteRestores()
    {
        using var client = _host.CreateClient();
        var code = _host.UnknownEnterpriseCode();
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "error", status = 502 });

        var token = await _host.TokenAsync(client);
        using var faulted = await SandboxHost.LookupAsync(client, token, code);
        using var reset = await client.DeleteAsync(new Uri("/_sandbox/faults/business", UriKind.Relative));
        using var restored = await SandboxHost.LookupAsync(client, token, code);

        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Contains("\"fault\"", await faulted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task RateLimit_EveryNth_HitsOnlyThoseCallsWithRetryAfter()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        var code = _host.UnknownEnterpriseCode();
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "ratelimit", retryAfterSeconds = 3, everyNth = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SandboxHost.LookupAsync(client, token, code);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Count_UsedUp_SwitchTurnsItselfOff()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        var code = _host.UnknownEnterpriseCode();
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "error", count = 2 });

        using var first = await SandboxHost.LookupAsync(client, token, code);
        using var second = await SandboxHost.LookupAsync(client, token, code);
        using var third = await SandboxHost.LookupAsync(client, token, code);
        var status = await client.GetFromJsonAsync<JsonElement>("/_sandbox/faults/business");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("fault").ValueKind);
        Assert.Equal(2, status.GetProperty("faultsApplied").GetInt32());
        Assert.Equal(3, status.GetProperty("calls").GetProperty("/apiCSDLDKDN/1.0/chiTietDoanhNghiep").GetInt32());
    }

    [Fact]
    public async Task Probability_WithSeed_HitsAboutThatShareRepeatably()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        var code = _host.UnknownEnterpriseCode();

        async Task<int> Hits()
        {
            await SandboxHost.SetFaultAsync(client, "business", new { mode = "error", probability = 0.3, seed = 7 });
            var hits = 0;
            for (var i = 0; i < 100; i++)
            {
                using var response = await SandboxHost.LookupAsync(client, token, code);
                hits += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            }

            return hits;
        }

        var first = await Hits();
        var again = await Hits();

        Assert.InRange(first, 15, 45);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Slow_DelaysTheAnswer()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        var code = _host.UnknownEnterpriseCode();
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "slow", delayMs = 400 });

        // The sandbox's clock is fake: it moves only by the steps below, so the answer comes once 400 ms of it have passed.
        var lookup = SandboxHost.LookupAsync(client, token, code);
        var moved = TimeSpan.Zero;
        while (!lookup.IsCompleted)
        {
            Assert.True(moved < TimeSpan.FromMinutes(1), "the slow answer never came");
            _host.Time.Advance(TimeSpan.FromMilliseconds(50));
            moved += TimeSpan.FromMilliseconds(50);
            await Task.WhenAny(lookup, Task.Delay(20));
        }

        using var response = await lookup;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(moved >= TimeSpan.FromMilliseconds(400), $"answered after {moved} of the sandbox's time");
    }

    [Fact]
    public async Task Down_DropsTheConnection()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "down" });

        await Assert.ThrowsAnyAsync<Exception>(() => SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode()));
    }

    [Fact]
    public async Task Malformed_AnswersABodyNoParserReads()
    {
        using var client = _host.CreateClient();
        var token = await _host.TokenAsync(client);
        await SandboxHost.SetFaultAsync(client, "business", new { mode = "malformed" });

        using var response = await SandboxHost.LookupAsync(client, token, _host.UnknownEnterpriseCode());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Theory]
    [InlineData("{\"mode\":\"badsignature\"}", "does not sign")]
    [InlineData("{\"mode\":\"explode\"}", "mode must be one of")]
    [InlineData("{\"mode\":\"slow\"}", "delayMs is required")]
    [InlineData("{\"mode\":\"error\",\"status\":200,\"probability\":2,\"count\":0}", "status must be")]
    [InlineData("{\"mode\":\"redirect\",\"status\":503}", "status must be one of 301, 302, 303, 307, 308")]
    public async Task Put_InvalidSettings_IsRefusedWithTheReason(string json, string reason)
    {
        using var client = _host.CreateClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PutAsync(new Uri("/_sandbox/faults/business", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_UnknownSource_IsNotFound()
    {
        using var client = _host.CreateClient();

        using var response = await client.PutAsJsonAsync("/_sandbox/faults/nowhere", new { mode = "down" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"mode\":\"error\",\"status\":503}", "14", null)]
    [InlineData("{\"mode\":\"error\",\"status\":404}", "5", null)]
    [InlineData("{\"mode\":\"ratelimit\",\"retryAfterSeconds\":2}", "8", "2")]
    public async Task Grpc_ErrorModes_AnswerGrpcStatuses(string json, string grpcStatus, string? retryAfter)
    {
        using var grpc = GrpcHost();
        using var control = new HttpClient { BaseAddress = grpc.BaseAddress };
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        (await control.PutAsync(new Uri("/_sandbox/faults/probe", UriKind.Relative), content)).EnsureSuccessStatusCode();

        using var response = await grpc.Client.SendAsync(GrpcRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal(grpcStatus, response.Headers.GetValues("grpc-status").Single());
        Assert.Equal(retryAfter, response.Headers.TryGetValues("retry-after", out var v) ? v.Single() : null);
    }

    [Fact]
    public async Task Grpc_Malformed_SendsAFrameThatIsNotProtobuf()
    {
        using var grpc = GrpcHost();
        using var control = new HttpClient { BaseAddress = grpc.BaseAddress };
        (await control.PutAsJsonAsync("/_sandbox/faults/probe", new { mode = "malformed" })).EnsureSuccessStatusCode();

        using var response = await grpc.Client.SendAsync(GrpcRequest());
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0, 0, 0, 0, 4], body[..5]);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    private static HttpRequestMessage GrpcRequest() => new(HttpMethod.Post, "/lgsp.test.Probe/Get")
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new("application/grpc") } },
    };

    /// <summary>The sandbox on Kestrel: one HTTP/1.1 port for the control API, one h2c port for gRPC, with a probe gRPC stand-in.</summary>
    private static GrpcSandbox GrpcHost()
    {
        var host = new SandboxHost { ExtraServices = s => s.AddSingleton(new StandIn { Source = "probe", Paths = ["/lgsp.test.Probe/"] }) };
        host.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new GrpcSandbox(host, new Uri(addresses[0]), new HttpClient { BaseAddress = new Uri(addresses[1]) });
    }

    private sealed record GrpcSandbox(SandboxHost Host, Uri BaseAddress, HttpClient Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Host.Dispose();
        }
    }
}
