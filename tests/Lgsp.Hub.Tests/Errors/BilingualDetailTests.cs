using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lgsp.Hub.Tests.Gateway;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Errors;

/// <summary>
/// Issue #14 item 11: every ProblemDetails carries its detail in both languages the way it carries its title —
/// <c>detail</c> in the caller's language (Vietnamese unless <c>Accept-Language</c> prefers English) beside
/// <c>title</c>, and <c>detailMessage</c> {vi, en} beside <c>message</c> {vi, en} — through the real hub over HTTP.
/// These details used to be English whatever the caller asked for.
/// </summary>
public sealed class BilingualDetailTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Sources() => [.. GatewayFixture.Sources];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_PurposeNotAllowed_DetailInVietnameseByDefaultAndBothLanguagesCarried(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(c.PurposeClient, c.Scope);

        using var response = await SendAsync(c.ExistingPath, token, c.PurposeNotGranted, c.Officer, language: null);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "client.purpose_not_allowed", "client");
        var (vi, en) = Details(problem);
        Assert.Equal($"Client '{c.PurposeClient}' không được khai thác dịch vụ '{source}' cho thủ tục {c.PurposeNotGranted}.", vi);
        Assert.Equal($"The client '{c.PurposeClient}' may not use the '{source}' service for procedure {c.PurposeNotGranted}.", en);
        Assert.Equal(vi, problem.GetProperty("detail").GetString());
        Assert.Equal(problem.GetProperty("message").GetProperty("vi").GetString(), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Lookup_PurposeNotAllowedInEnglish_DetailFollowsTheTitleIntoEnglish()
    {
        var c = await SourceCase.ForAsync(GatewayFixture.Sources.First(), gateway.Sandbox);
        var token = await gateway.TokenAsync(c.PurposeClient, c.Scope);

        using var response = await SendAsync(c.ExistingPath, token, c.PurposeNotGranted, c.Officer, language: "en-US,vi;q=0.5");

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "client.purpose_not_allowed", "client");
        var (vi, en) = Details(problem);
        Assert.Equal(en, problem.GetProperty("detail").GetString());
        Assert.Equal(problem.GetProperty("message").GetProperty("en").GetString(), problem.GetProperty("title").GetString());
        Assert.StartsWith("Client '", vi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ServiceNotAllowed_DetailInBothLanguages()
    {
        var c = await SourceCase.ForAsync(GatewayFixture.Sources.First(), gateway.Sandbox);
        var token = await gateway.TokenAsync(c.ClientWithoutRight, c.Scope);

        using var response = await SendAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer, language: "vi");

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "client.service_not_allowed", "client");
        var (vi, en) = Details(problem);
        Assert.Equal($"Client '{c.ClientWithoutRight}' không có quyền khai thác dịch vụ '{c.Source}'.", vi);
        Assert.Equal($"The client '{c.ClientWithoutRight}' has no access right for the '{c.Source}' service.", en);
        Assert.Equal(vi, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_UpstreamHasNoSuchRecord_DetailInBothLanguages(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        await gateway.Sandbox.ResetFaultAsync(source);

        using var vietnamese = await SendAsync(c.MissingPath, token, c.GrantedPurpose, c.Officer, language: null);
        using var english = await SendAsync(c.MissingPath, token, c.GrantedPurpose, c.Officer, language: "en");

        var vi = await ProblemAsync(vietnamese, HttpStatusCode.NotFound, $"upstream.{source}.not_found", "upstream");
        var en = await ProblemAsync(english, HttpStatusCode.NotFound, $"upstream.{source}.not_found", "upstream");
        var (detailVi, detailEn) = Details(vi);
        Assert.Equal((detailVi, detailEn), Details(en));
        Assert.NotEqual(detailVi, detailEn);
        Assert.Equal(detailVi, vi.GetProperty("detail").GetString());
        Assert.Equal(detailEn, en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Lookup_InvalidKey_DetailListsTheFieldMessagesInEachLanguage()
    {
        var c = await SourceCase.ForAsync(GatewayFixture.Sources.First(), gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);

        using var response = await SendAsync(c.InvalidPath, token, c.GrantedPurpose, c.Officer, language: null);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, c.InvalidCode, "client");
        var (vi, en) = Details(problem);
        var fields = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(fields, f => Assert.Contains(f.GetProperty("messageVi").GetString()!, vi, StringComparison.Ordinal));
        Assert.NotEqual(vi, en);
    }

    private static (string Vi, string En) Details(JsonElement problem)
    {
        Assert.True(problem.TryGetProperty("detailMessage", out var both), problem.GetRawText());
        var vi = both.GetProperty("vi").GetString();
        var en = both.GetProperty("en").GetString();
        Assert.False(string.IsNullOrWhiteSpace(vi));
        Assert.False(string.IsNullOrWhiteSpace(en));
        return (vi!, en!);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token, string purpose, string? officer, string? language)
    {
        using var api = gateway.Api();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Lgsp-Purpose", purpose);
        if (officer is not null)
        {
            request.Headers.Add("X-Lgsp-Officer-Id", officer);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await api.SendAsync(request);
    }
}
