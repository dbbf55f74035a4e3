using System.Net;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// The issue's list for every source whose adapter the hub has, end to end: a client over HTTPS, the hub on Kestrel,
/// the real adapter, the sandbox's stand-in over its own protocol (REST, or gRPC for land). The breaker cases are in
/// <see cref="BreakerTests"/>; business-only details in <see cref="BusinessLookupTests"/>.
/// </summary>
public sealed class LookupEndToEndTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    public static TheoryData<string> Sources() => [.. GatewayFixture.Sources];

    public async Task InitializeAsync()
    {
        foreach (var source in GatewayFixture.Sources)
        {
            await gateway.Sandbox.ResetFaultAsync(source);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var source in GatewayFixture.Sources)
        {
            await gateway.Sandbox.ResetFaultAsync(source);
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_Existing_IsASignedJsonPacketThatVerifiesWithThePublishedKeys(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);

        using var response = await gateway.GetAsync(c.ExistingPath, await PortalTokenAsync(c), c.GrantedPurpose, c.Officer);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        verifier.VerifyDetachedJws(Assert.Single(response.Headers.GetValues("X-Lgsp-Signature")), bytes);
        var packet = PacketJson.Read(bytes);
        Assert.Equal((source, c.Operation, c.GrantedPurpose), (packet.Header.Service, packet.Header.Operation, packet.Header.Purpose?.Value));
        c.AssertAnswer(packet);
        Assert.Equal("ok", (await gateway.RecordAsync(ExchangeId(response))).Outcome);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_AcceptXml_IsAnEnvelopedXmlSignatureThatVerifies(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);

        using var response = await gateway.GetAsync(c.ExistingPath, await PortalTokenAsync(c), c.GrantedPurpose, c.Officer, accept: "application/xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        var verified = verifier.VerifyXmlDocument(await response.Content.ReadAsStringAsync());
        c.AssertAnswer(PacketXml.Read(verified.Element.OwnerDocument));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_Missing_Is404FromTheUpstream(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);

        using var response = await gateway.GetAsync(c.MissingPath, await PortalTokenAsync(c), c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.NotFound, $"upstream.{source}.not_found", "upstream");
        Assert.Equal($"upstream.{source}.not_found", (await gateway.RecordAsync(ExchangeId(response))).Outcome);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_InvalidIdentifier_IsRejectedBeforeAnyUpstreamCall(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await PortalTokenAsync(c);
        await gateway.Sandbox.ResetFaultAsync(source); // resets the call counters

        using var response = await gateway.GetAsync(c.InvalidPath, token, c.GrantedPurpose, c.Officer);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, c.InvalidCode, "client");
        Assert.Equal(c.InvalidReasons, Reasons(problem));
        Assert.Empty(await gateway.Sandbox.CallsAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_TokenWithoutTheSourcesScope_Is403InsufficientScope(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.OtherScope);
        await gateway.Sandbox.ResetFaultAsync(source);

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.forbidden", "client");
        Assert.Contains(c.Scope, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(await gateway.Sandbox.CallsAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_ClientWithoutAnAccessRightForTheSource_Is403ServiceNotAllowed(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(c.ClientWithoutRight, c.Scope);
        await gateway.Sandbox.ResetFaultAsync(source);

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "client.service_not_allowed", "client");
        Assert.Empty(await gateway.Sandbox.CallsAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_PurposeNotGrantedToTheClient_Is403NamingThePurpose(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await gateway.TokenAsync(c.PurposeClient, c.Scope);
        await gateway.Sandbox.ResetFaultAsync(source);

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.PurposeNotGranted, c.Officer);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "client.purpose_not_allowed", "client");
        Assert.Contains(c.PurposeNotGranted, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await gateway.Sandbox.CallsAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_UpstreamSlow_Is504Timeout(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await PortalTokenAsync(c);
        await gateway.Sandbox.SetFaultAsync(source, new { mode = "slow", delayMs = 20000 });

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.GatewayTimeout, $"upstream.{source}.timeout", "upstream");
        // The first try and one retry at most, each cut by the hub rather than waited out (the stand-in holds 20 s).
        var attempts = await gateway.Sandbox.FaultsAppliedAsync(source);
        Assert.InRange(attempts, 1, 2);
        await gateway.Sandbox.WaitForAbandonedAsync(source, attempts);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_Upstream429_Is503RateLimitedWithoutWaitingBeyondTheCap(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await PortalTokenAsync(c);
        await gateway.Sandbox.SetFaultAsync(source, new { mode = "ratelimit", retryAfterSeconds = 30 });

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, $"upstream.{source}.rate_limited", "upstream");
        Assert.Equal(1, await gateway.Sandbox.FaultsAppliedAsync(source));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Lookup_UpstreamServerErrorOnce_IsRetriedAndAnswered(string source)
    {
        var c = await SourceCase.ForAsync(source, gateway.Sandbox);
        var token = await PortalTokenAsync(c);
        await gateway.Sandbox.SetFaultAsync(source, new { mode = "error", status = 503, count = 1 });

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await gateway.Sandbox.FaultsAppliedAsync(source));
    }

    [Fact]
    public async Task GetCitizen_UpstreamSignatureInvalid_Is502FromTheUpstreamAndNotForwarded()
    {
        var c = await SourceCase.ForAsync("population", gateway.Sandbox);
        var token = await PortalTokenAsync(c);
        await gateway.Sandbox.SetFaultAsync("population", new { mode = "badsignature" });

        using var response = await gateway.GetAsync(c.ExistingPath, token, c.GrantedPurpose, c.Officer);

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway, "upstream.population.signature_invalid", "upstream");
        var name = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens")[0].GetProperty("fullName").GetString()!;
        Assert.DoesNotContain(name, problem.ToString(), StringComparison.Ordinal); // nothing of the tampered answer reaches the client
        Assert.False(response.Headers.Contains("X-Lgsp-Signature"));
        Assert.Equal("upstream.population.signature_invalid", (await gateway.RecordAsync(ExchangeId(response))).Outcome);
    }

    [Fact]
    public async Task VerifyCitizen_MatchingFacts_IsASignedVerificationPacket()
    {
        var citizen = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens")[0];
        var birth = citizen.GetProperty("dateOfBirth").GetString()!;
        var facts = birth.Length == 4 ? $"\"birthYear\":{birth}" : $"\"dateOfBirth\":\"{birth}\"";
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");

        using var response = await gateway.SendAsync(HttpMethod.Post, "/api/v1/population/citizens/verify", token, officer: GatewayFixture.Officer,
            jsonBody: $"{{\"personalId\":\"{citizen.GetProperty("personalId").GetString()}\",\"fullName\":\"{citizen.GetProperty("fullName").GetString()}\",{facts}}}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        verifier.VerifyDetachedJws(Assert.Single(response.Headers.GetValues("X-Lgsp-Signature")), bytes);
        var packet = PacketJson.Read(bytes);
        Assert.Equal("XacThucThongTinCongDan", packet.Header.Operation);
        Assert.True(Assert.IsType<CitizenVerification>(packet.Body).Matched);
    }

    [Fact]
    public async Task VerifyCitizen_BadBody_ListsEveryProblemBeforeAnyUpstreamCall()
    {
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        await gateway.Sandbox.ResetFaultAsync("population");

        using var response = await gateway.SendAsync(HttpMethod.Post, "/api/v1/population/citizens/verify", token, purpose: null,
            jsonBody: "{\"personalId\":\"00119000432X\",\"dateOfBirth\":\"1990-13-01\",\"birthYear\":1800}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(
            ["/personalId:personal_id.digits", "/fullName:full_name.missing", "/dateOfBirth:date_of_birth.format", "/birthYear:birth_year.range",
             "/birthYear:birth.conflict", "X-Lgsp-Purpose:purpose.missing", "X-Lgsp-Officer-Id:officer_id.missing"],
            Reasons(problem));
        Assert.Empty(await gateway.Sandbox.CallsAsync("population"));
    }

    [Fact]
    public async Task FindRegistrations_ByPersonalId_ListsTheEntriesAboutThePerson()
    {
        var entry = (await gateway.Sandbox.DemoAsync()).GetProperty("civilRegistry")[0];
        var subject = entry.GetProperty("subjectPersonalIds")[0].GetString()!;
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.civilregistry.read");

        using var response = await gateway.GetAsync("/api/v1/civil-registry/registrations?personalId=" + subject, token, "1.000894");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var packet = PacketJson.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("traCuuTheoCaNhan", packet.Header.Operation);
        var list = Assert.IsType<CivilRegistrationList>(packet.Body);
        Assert.Contains(list.Registrations, r => r.BookNo == entry.GetProperty("book").GetString() && r.RegistrationNo == entry.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task FindParcel_ByCertificateSerial_AnswersTheSameParcel()
    {
        var demo = (await gateway.Sandbox.DemoAsync()).GetProperty("parcels")[0];
        var serial = demo.GetProperty("certificate").GetString()!;
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.land.read");

        using var response = await gateway.GetAsync("/api/v1/land/parcels?certificate=" + Uri.EscapeDataString(serial.Replace(" ", string.Empty, StringComparison.Ordinal)), token, "2.000488");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var packet = PacketJson.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("FindParcelByCertificate", packet.Header.Operation);
        var parcel = Assert.IsType<Lgsp.Core.Lookups.LandParcel>(packet.Body);
        Assert.Equal((demo.GetProperty("wardCode").GetString(), demo.GetProperty("mapSheet").GetInt32(), serial),
            (parcel.WardCode, parcel.MapSheetNo, parcel.Certificate?.Serial));
    }

    [Fact]
    public async Task FindParcel_KeyAndCertificateTogether_IsRejectedBeforeAnyUpstreamCall()
    {
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.land.read");
        await gateway.Sandbox.ResetFaultAsync("land");

        using var response = await gateway.GetAsync("/api/v1/land/parcels?ward=00004&certificate=CS123456", token, "2.000488");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal([":parcel_query.shape"], Reasons(problem));
        Assert.Empty(await gateway.Sandbox.CallsAsync("land"));
    }

    private Task<string> PortalTokenAsync(SourceCase c) => gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
}
