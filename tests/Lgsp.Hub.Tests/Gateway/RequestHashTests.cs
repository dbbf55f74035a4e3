using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using System.Xml.Schema;
using Lgsp.Core.Packets;
using Lgsp.Hub.Tests.Gateway.MessageLog;
using Lgsp.Testing;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// X-Road's request hash: a signed answer carries the SHA-256 of the request as the client sent it, so the client can
/// prove which question it answered. The client recomputes it from what it sent (Gateway README, "Request hash"), finds
/// it in the JSON and the XML packet, whose signatures still verify and which validate against the schemas on disk; the
/// message log holds only the keyed digest of it.
/// </summary>
public sealed class RequestHashTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task JsonAnswer_CarriesTheHashOfTheRequestAsSent_SignedAndValidAgainstTheJsonSchema()
    {
        var c = await SourceCase.ForAsync("population", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);

        using var response = await SendAsync(HttpMethod.Get, c.ExistingPath, token, ("X-Lgsp-Purpose", c.GrantedPurpose),
            ("X-Lgsp-Officer-Id", c.Officer!), ("X-Lgsp-Request-Id", "portal-req-0001"));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        verifier.VerifyDetachedJws(Assert.Single(response.Headers.GetValues("X-Lgsp-Signature")), bytes);
        Assert.Empty(PacketContracts.Json.Validate(Encoding.UTF8.GetString(bytes)).Select(e => $"{e.Path}: {e.Kind}"));
        var expected = RequestHashAsSent(response.RequestMessage!);
        var header = PacketJson.Read(bytes).Header;
        Assert.Equal(new PacketDigest { Algorithm = "sha256", Value = expected }, header.RequestHash);
        Assert.Contains($"\"requestHash\":{{\"algorithm\":\"sha256\",\"value\":\"{expected}\"}}", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // The log holds the keyed digest of that hash, never the hash itself.
        var row = await gateway.RecordAsync(ExchangeId(response));
        Assert.Equal(KeyedRequestDigest(gateway.MessageLogKey(), row.ExchangeId, expected), row.RequestDigest);
        Assert.DoesNotContain(await gateway.DbAsync(MessageLogTests.AllMessageLogCellsAsync), t => t.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task XmlAnswer_CarriesTheHashOfTheRequestAsSent_SignedAndValidAgainstTheXsd()
    {
        // Civil registry: a query with an escaped slash (book=01%2F2019), hashed as it was sent.
        var c = await SourceCase.ForAsync("civilregistry", gateway.Sandbox);
        Assert.Contains("%2F", c.ExistingPath, StringComparison.Ordinal);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);

        using var response = await SendAsync(HttpMethod.Get, c.ExistingPath, token, ("X-Lgsp-Purpose", c.GrantedPurpose), ("Accept", "application/xml"));

        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, xml);
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        var verified = verifier.VerifyXmlDocument(xml);
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(PacketContracts.Xml, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        var expected = RequestHashAsSent(response.RequestMessage!);
        Assert.Equal(expected, PacketXml.Read(verified.Element.OwnerDocument).Header.RequestHash?.Value);
        XNamespace ns = PacketXml.Namespace;
        var hash = XDocument.Parse(xml).Root!.Element(ns + "Header")!.Element(ns + "RequestHash")!;
        Assert.Equal(("sha256", expected), ((string)hash.Element(ns + "Algorithm")!, (string)hash.Element(ns + "Value")!));
    }

    [Fact]
    public async Task PostAnswer_HashCoversTheBodyAsSent()
    {
        var citizen = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens")[0];
        var body = Encoding.UTF8.GetBytes($"{{\"personalId\":\"{citizen.GetProperty("personalId").GetString()}\",\"fullName\":\"{citizen.GetProperty("fullName").GetString()}\",\"birthYear\":1990}}");
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/population/citizens/verify", token,
            body, ("X-Lgsp-Purpose", "1.001193"), ("X-Lgsp-Officer-Id", GatewayFixture.Officer));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        var header = PacketJson.Read(bytes).Header;
        Assert.Equal(RequestHashAsSent(response.RequestMessage!, body), header.RequestHash?.Value);
        Assert.NotEqual(RequestHashAsSent(response.RequestMessage!), header.RequestHash?.Value);
    }

    [Fact]
    public async Task Hash_OneLgspHeaderOrTheQueryChanged_Changes()
    {
        var c = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        var purpose = ("X-Lgsp-Purpose", c.GrantedPurpose);

        var asSent = new List<string>();
        var answered = new List<string>();
        foreach (var (path, requestId) in new[] { (c.ExistingPath, "a-1"), (c.ExistingPath, "a-2"), (c.ExistingPath + "?view=full", "a-1") })
        {
            using var response = await SendAsync(HttpMethod.Get, path, token, purpose, ("X-Lgsp-Request-Id", requestId));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
            asSent.Add(RequestHashAsSent(response.RequestMessage!));
            answered.Add(PacketJson.Read(bytes).Header.RequestHash!.Value);
        }

        Assert.Equal(asSent, answered);
        Assert.Equal(3, answered.Distinct(StringComparer.Ordinal).Count());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, params (string Name, string Value)[] headers) =>
        SendAsync(method, path, token, null, headers);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, byte[]? body, params (string Name, string Value)[] headers)
    {
        using var api = gateway.Api();
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await api.SendAsync(request);
    }
}
