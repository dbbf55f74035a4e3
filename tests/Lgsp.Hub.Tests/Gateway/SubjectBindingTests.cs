using System.Net;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Tests.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// Subject binding (Gateway README, step 6): a person's token, got the way a portal gets it (the authorization code
/// flow: sign-in form, code, token endpoint), reaches only that person's own records, unless the person is an official
/// of an agency the portal's right grants the source to (<c>config/access-rights.json</c>: <c>OfficialAgencies</c>
/// <c>H56</c>) and names themself in <c>X-Lgsp-Officer-Id</c>. Client-credentials tokens keep the access rights alone.
/// </summary>
public sealed class SubjectBindingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private const string Portal = GatewayFixture.Portal;

    private const string AllLookups = "openid lgsp.population.read lgsp.business.read lgsp.land.read lgsp.insurance.read lgsp.civilregistry.read";

    public static TheoryData<string> Sources() => [.. GatewayFixture.Sources];

    public async Task InitializeAsync()
    {
        foreach (var source in GatewayFixture.Sources)
        {
            await gateway.Sandbox.ResetFaultAsync(source);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CitizenToken_OwnPersonalId_Is200()
    {
        var (own, _) = await CitizensAsync();
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Citizen, personalId: own));

        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + own, token, officer: GatewayFixture.Officer);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(own, Assert.IsType<Citizen>(PacketJson.Read(await response.Content.ReadAsByteArrayAsync()).Body).PersonalId.Value);
    }

    [Fact]
    public async Task CitizenToken_AnotherPersonalId_Is403SubjectNotPermittedRecordedAndNeverSentUpstream()
    {
        var (own, other) = await CitizensAsync();
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Citizen, personalId: own));
        await gateway.Sandbox.ResetFaultAsync(SourceNames.Population);

        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + other, token, officer: GatewayFixture.Officer);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "client.subject_not_permitted", "client");
        Assert.Contains("chính mình", problem.GetProperty("message").GetProperty("vi").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(other, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var record = await gateway.RecordAsync(ExchangeId(response));
        Assert.Equal(("client.subject_not_permitted", 403), (record.Outcome, record.HttpStatus));
        Assert.Empty(await gateway.Sandbox.CallsAsync(SourceNames.Population));
    }

    [Fact]
    public async Task CitizenToken_AnotherPersonsVerification_Is403SubjectNotPermitted()
    {
        var (own, other) = await CitizensAsync();
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Citizen, personalId: own));

        using var response = await gateway.SendAsync(HttpMethod.Post, "/api/v1/population/citizens/verify", token, officer: GatewayFixture.Officer,
            jsonBody: JsonSerializer.Serialize(new { personalId = other, fullName = "Nguyễn Văn A", birthYear = 1990 }));

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.subject_not_permitted", "client");
    }

    [Fact]
    public async Task BusinessToken_OwnEnterprise_Is200AndAnother_Is403()
    {
        var enterprises = (await gateway.Sandbox.DemoAsync()).GetProperty("enterprises");
        var (own, other) = (enterprises[0].GetProperty("enterpriseCode").GetString()!, enterprises[1].GetProperty("enterpriseCode").GetString()!);
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Organization, enterpriseCode: own));

        using var mine = await gateway.GetAsync("/api/v1/business/enterprises/" + own, token);
        using var theirs = await gateway.GetAsync("/api/v1/business/enterprises/" + other, token);

        Assert.True(mine.StatusCode == HttpStatusCode.OK, await mine.Content.ReadAsStringAsync());
        Assert.Equal(own, Assert.IsType<Enterprise>(PacketJson.Read(await mine.Content.ReadAsByteArrayAsync()).Body).Code.Value);
        await ProblemAsync(theirs, HttpStatusCode.Forbidden, "client.subject_not_permitted", "client");
        Assert.Equal("client.subject_not_permitted", (await gateway.RecordAsync(ExchangeId(theirs))).Outcome);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task CitizenToken_SomeoneElsesRecordInEverySource_Is403BeforeTheSource(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Citizen, personalId: PersonalId.CreateCccd("001", Gender.Female, 1990, 424_242).Value));
        await gateway.Sandbox.ResetFaultAsync(source);

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.subject_not_permitted", "client");
        Assert.Empty(await gateway.Sandbox.CallsAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task OfficialOfAGrantedAgency_OwnOfficerId_LooksUpAnyoneInEverySource(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var official = await CreateAccountAsync(AccountKind.Official, agencyCode: "000.00.14.H56");
        var token = await PersonTokenAsync(official);

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, officer: official);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var packet = PacketJson.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((source, official), (packet.Header.Service, packet.Header.OfficerId));
        Assert.Equal(official, (await gateway.RecordAsync(ExchangeId(response))).OfficerId);
    }

    [Fact]
    public async Task OfficialOfAGrantedAgency_AnotherOfficersId_Is403OfficerMismatch()
    {
        var (_, other) = await CitizensAsync();
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Official, agencyCode: "000.00.14.H56"));
        await gateway.Sandbox.ResetFaultAsync(SourceNames.Population);

        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + other, token, officer: GatewayFixture.Officer);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.officer_mismatch", "client");
        Assert.Equal("client.officer_mismatch", (await gateway.RecordAsync(ExchangeId(response))).Outcome);
        Assert.Empty(await gateway.Sandbox.CallsAsync(SourceNames.Population));
    }

    [Fact]
    public async Task OfficialOfAGrantedAgency_WithoutAnOfficerId_IsRefused()
    {
        var (_, other) = await CitizensAsync();
        var enterprise = (await gateway.Sandbox.DemoAsync()).GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString()!;
        var token = await PersonTokenAsync(await CreateAccountAsync(AccountKind.Official, agencyCode: "000.00.14.H56"));

        using var business = await gateway.GetAsync("/api/v1/business/enterprises/" + enterprise, token);
        using var population = await gateway.GetAsync("/api/v1/population/citizens/" + other, token);

        await ProblemAsync(business, HttpStatusCode.Forbidden, "client.officer_mismatch", "client");
        var missing = await ProblemAsync(population, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(["X-Lgsp-Officer-Id:officer_id.missing"], Reasons(missing));
    }

    [Fact]
    public async Task OfficialOfAnAgencyNotGranted_OwnOfficerId_Is403SubjectNotPermitted()
    {
        var (_, other) = await CitizensAsync();
        var official = await CreateAccountAsync(AccountKind.Official, agencyCode: "000.00.14.H49");
        var token = await PersonTokenAsync(official);

        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + other, token, officer: official);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.subject_not_permitted", "client");
    }

    [Fact]
    public async Task ClientCredentialsToken_AnyoneWithAnyOfficer_IsStill200()
    {
        var (_, other) = await CitizensAsync();
        var token = await gateway.TokenAsync(Portal, "lgsp.population.read");

        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + other, token, officer: "any.officer.text");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("any.officer.text", PacketJson.Read(await response.Content.ReadAsByteArrayAsync()).Header.OfficerId);
    }

    private async Task<(string Own, string Other)> CitizensAsync()
    {
        var citizens = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens");
        return (citizens[0].GetProperty("personalId").GetString()!, citizens[1].GetProperty("personalId").GetString()!);
    }

    /// <summary>An account of <paramref name="kind"/> with <see cref="IdentityHub.Password"/>; returns its user name.</summary>
    private async Task<string> CreateAccountAsync(AccountKind kind, string? personalId = null, string? enterpriseCode = null, string? agencyCode = null)
    {
        var userName = kind.ToString().ToLowerInvariant() + "." + Guid.NewGuid().ToString("N")[..10];
        await using var scope = gateway.Hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var created = await users.CreateAsync(
            new HubAccount
            {
                UserName = userName,
                DisplayName = "Phạm Thị Dung",
                Kind = kind,
                PersonalId = personalId,
                EnterpriseCode = enterpriseCode,
                AgencyCode = agencyCode,
            },
            IdentityHub.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        return userName;
    }

    /// <summary>The portal's access token for the person, through the sign-in form and the code flow with PKCE.</summary>
    private async Task<string> PersonTokenAsync(string userName)
    {
        using var browser = gateway.Hub.Browser();
        using var api = gateway.Api();
        var pkce = Oidc.Pkce.Create();
        var redirect = await Oidc.SignInAsync(browser, Oidc.AuthorizeUrl(Portal, Oidc.PortalRedirect, AllLookups, pkce), userName, IdentityHub.Password);
        var tokens = await Oidc.RedeemCodeAsync(api, Portal, gateway.Hub.Secret(Portal), Oidc.Query(redirect)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.True(tokens.Status == HttpStatusCode.OK, tokens.Error);
        return tokens.AccessToken;
    }
}
