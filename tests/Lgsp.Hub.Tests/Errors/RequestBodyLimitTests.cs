using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Tests.Errors;

/// <summary>
/// Request bodies are capped before they are buffered, chunked ones included: a 200 MB body made on the fly, with no
/// Content-Length, gets 413 <c>client.body_too_large</c>, nothing is written, and the hub (real Kestrel) stopped reading
/// long before the end: the client's body was never consumed whole.
/// </summary>
public sealed class RequestBodyLimitTests(GatewayFixture hub) : IClassFixture<GatewayFixture>
{
    private const long Total = 200L * 1024 * 1024;

    [Fact]
    public async Task Verify_HugeChunkedBody_Is413AndNothingIsLogged()
    {
        var token = await hub.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        var before = await hub.DbAsync(db => db.MessageLogRecords.CountAsync());
        using var body = new EndlessJson("{\"personalId\":\"001090000001\",\"fullName\":\"");

        using var response = await SendAsync("/api/v1/population/citizens/verify", token, body, request =>
        {
            request.Headers.Add("X-Lgsp-Purpose", "1.001193");
            request.Headers.Add("X-Lgsp-Officer-Id", GatewayFixture.Officer);
        });

        await AssertTooLargeAsync(response, body);
        Assert.Equal(before, await hub.DbAsync(db => db.MessageLogRecords.CountAsync()));
    }

    [Fact]
    public async Task SyncDossier_HugeChunkedBody_Is413AndNothingIsWritten()
    {
        var token = await hub.TokenAsync(GatewayFixture.Portal, "lgsp.dossier.sync");
        var before = await hub.DbAsync(async db => (await db.Dossiers.CountAsync(), await db.DossierEvents.CountAsync(), await db.IdempotencyRecords.CountAsync()));
        using var body = new EndlessJson("{\"maHoSo\":\"");

        using var response = await SendAsync("/api/v1/dossiers", token, body, request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));

        await AssertTooLargeAsync(response, body);
        Assert.Equal(before, await hub.DbAsync(async db => (await db.Dossiers.CountAsync(), await db.DossierEvents.CountAsync(), await db.IdempotencyRecords.CountAsync())));
    }

    [Fact]
    public async Task AdminPatch_HugeChunkedBody_Is413AndTheVersionStays()
    {
        var token = await hub.TokenAsync("lgsp-cli", "lgsp.admin");
        var before = await hub.DbAsync(db => db.SettingVersions.CountAsync());
        using var body = new EndlessJson("{\"reason\":\"");

        using var response = await SendAsync("/admin/v1/adapters/business", token, body, request => request.Headers.TryAddWithoutValidation("If-Match", "\"0\""), HttpMethod.Patch);

        await AssertTooLargeAsync(response, body);
        Assert.Equal(before, await hub.DbAsync(db => db.SettingVersions.CountAsync()));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token, HttpContent body, Action<HttpRequestMessage> headers, HttpMethod? method = null)
    {
        using var api = hub.Api();
        // HTTP/2: the hub answers while the body is still coming and resets the stream, which the client takes as "stop
        // sending, here is the answer" (over HTTP/1.1 the connection is closed and the client reports its failed write).
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Content = body,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        headers(request);
        return await api.SendAsync(request);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, EndlessJson body)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client.body_too_large", problem.GetProperty("code").GetString());
        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetProperty("vi").GetString()));
        // Never read whole: the hub stopped at its limit (the sockets' buffers aside), the client stopped producing.
        Assert.True(body.Produced < Total / 2, $"{body.Produced} of {Total} bytes were produced");
    }

    /// <summary>A JSON body of <see cref="Total"/> bytes made as it is sent (an unterminated string), chunked: no length.</summary>
    private sealed class EndlessJson : HttpContent
    {
        private static readonly byte[] Filler = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        private readonly string _head;

        public EndlessJson(string head)
        {
            _head = head;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        public long Produced { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var start = Encoding.UTF8.GetBytes(_head);
            await stream.WriteAsync(start);
            Produced += start.Length;
            while (Produced < Total)
            {
                var part = (int)Math.Min(Filler.Length, Total - Produced);
                await stream.WriteAsync(Filler.AsMemory(0, part));
                Produced += part;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
