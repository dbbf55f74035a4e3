using System.Net;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Errors;

/// <summary>
/// A client that asks for XML (or anything but JSON) still gets its problem details, never a 500: every error path
/// (a bad key, no token, an unknown route, an upstream fault) answers <c>application/problem+json</c> with its
/// catalogue code whatever <c>Accept</c> says.
/// </summary>
public sealed class ProblemDetailsAcceptTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Accepts => ["application/xml", "application/json", "*/*", "image/png", "text/html"];

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task BadKey_AnyAccept_IsTheCataloguedProblem(string accept)
    {
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");

        using var response = await gateway.GetAsync("/api/v1/business/enterprises/12345", token, accept: accept);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "client.");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task NoToken_AnyAccept_IsUnauthenticated(string accept)
    {
        using var response = await gateway.GetAsync("/api/v1/business/enterprises/12345", token: null, accept: accept);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "client.unauthenticated");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task UnknownRoute_AnyAccept_IsNotFound(string accept)
    {
        using var response = await gateway.GetAsync("/api/v1/no-such-source/1", token: null, accept: accept);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "client.not_found");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task UpstreamDown_AnyAccept_IsTheUpstreamsProblem(string accept)
    {
        var lookup = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        await gateway.Sandbox.SetFaultAsync("business", new { mode = "error", status = 500 });
        try
        {
            using var response = await gateway.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer, accept: accept);

            var body = await AssertProblemAsync(response, null, "upstream.business.");
            Assert.Equal("upstream", body.GetProperty("faultOrigin").GetString());
        }
        finally
        {
            await gateway.Sandbox.ResetFaultAsync("business");
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode? status, string codePrefix)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is null ? (int)response.StatusCode is 502 or 503 or 504 : response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith(codePrefix, body.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("IProblemDetailsWriter", text, StringComparison.Ordinal);
        return body;
    }
}
