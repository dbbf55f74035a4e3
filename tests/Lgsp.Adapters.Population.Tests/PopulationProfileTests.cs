using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>
/// Each profile of the adapter against the stand-in over HTTP: the credentials (<c>IntegrationCode</c>,
/// <c>LgspAccessToken</c>, <c>LgspAccessTokenAndAuthHash</c>, as OpenCPS builds them) and the answer signatures
/// (<c>Required</c>, <c>Optional</c>, <c>Absent</c>), the stand-in switched to the matching profile at
/// <c>/_sandbox/population/profile</c>.
/// </summary>
public sealed class PopulationProfileTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string SecretName = "LGSP_TEST_POPULATION_CREDENTIALS";
    private const string Leaky = "LEAKY-POPULATION-SECRET-5c1e";

    private string _trustPath = "";

    public async Task InitializeAsync()
    {
        await sandbox.ResetFaultAsync(SourceNames.Population);
        await ProfileAsync(new { requireCredentials = "None", signAnswers = true });
        await PopulationTestSupport.ClearReceivedAsync(sandbox);
        _trustPath = await PopulationTestSupport.WriteTrustFileAsync(sandbox);
    }

    public async Task DisposeAsync()
    {
        await ProfileAsync(new { requireCredentials = "None", signAnswers = true });
        await sandbox.ResetFaultAsync(SourceNames.Population);
        PopulationTestSupport.Delete(_trustPath);
    }

    /// <summary>The sandbox's development partner and officer accounts, as a deployment writes its secret.</summary>
    private static string Secret(string secretKey = "sandbox-bhxh-secret-key-NOT-A-SECRET", string keyPass = "sandbox-officer-0042-pass-NOT-A-SECRET") =>
        JsonSerializer.Serialize(new
        {
            AccessKey = "sandbox-bhxh-access-key",
            SecretKey = secretKey,
            AppName = "lgsp-sandbox",
            PartnerCode = "LGSPSANDBOX",
            PartnerCodeCus = "LGSPSANDBOX-CUS",
            Officers = new Dictionary<string, object>
            {
                ["officer-42"] = new { KeyName = "sandbox-officer-0042", KeyPass = keyPass, UserName = "CB-0042" },
                ["CB-0077"] = new { KeyName = "sandbox-officer-0077", KeyPass = "sandbox-officer-0077-pass-NOT-A-SECRET" },
            },
        });

    private ServiceProvider Adapter(string credentials = "IntegrationCode", string signatures = "Required", string? secret = null, bool trust = true)
    {
        var settings = PopulationTestSupport.Settings(sandbox.HttpBaseUrl, _trustPath);
        settings["Adapters:population:Credentials"] = credentials;
        settings["Adapters:population:AnswerSignatures"] = signatures;
        settings["Adapters:population:CredentialsSecret"] = SecretName;
        settings[SecretName] = secret ?? Secret();
        if (!trust)
        {
            settings.Remove("Adapters:population:TrustedCertificatePath");
        }

        return PopulationTestSupport.Build(settings);
    }

    private async Task ProfileAsync(object profile)
    {
        using var response = await sandbox.Control.PutAsJsonAsync("/_sandbox/population/profile", profile);
        response.EnsureSuccessStatusCode();
    }

    private CongDan Citizen() => sandbox.World().Citizens.First(c => !c.DaChet);

    private static Task<Citizen> LookupAsync(ServiceProvider adapter, CongDan citizen, string officer = "officer-42") =>
        adapter.GetRequiredService<IPopulationSource>().GetCitizenAsync(citizen.Id(), PopulationTestSupport.Context(officer), CancellationToken.None);

    [Fact]
    public async Task LgspAccessToken_IsBase64OfThePartnersJsonInOpenCpsOrderAndCase_AndTheGatewayAcceptsIt()
    {
        await ProfileAsync(new { requireCredentials = "LgspAccessToken" });
        var seen = new List<string>();
        var settings = PopulationTestSupport.Settings(sandbox.HttpBaseUrl, _trustPath);
        settings["Adapters:population:Credentials"] = "LgspAccessToken";
        settings["Adapters:population:CredentialsSecret"] = SecretName;
        settings[SecretName] = Secret();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPopulationAdapter(configuration);
        services.AddHttpClient<Soap.PopulationSoapClient>("population.soap").AddHttpMessageHandler(() => new Watch(seen));
        using var adapter = services.BuildServiceProvider();

        var citizen = Citizen();
        var found = await LookupAsync(adapter, citizen);

        Assert.Equal(citizen.SoDinhDanh, found.PersonalId.Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(Assert.Single(seen)));
        Assert.Equal(
            "{\"AccessKey\":\"sandbox-bhxh-access-key\",\"SecretKey\":\"sandbox-bhxh-secret-key-NOT-A-SECRET\",\"AppName\":\"lgsp-sandbox\","
            + "\"PartnerCode\":\"LGSPSANDBOX\",\"PartnerCodeCus\":\"LGSPSANDBOX-CUS\"}", json);
        var received = Assert.Single(await PopulationTestSupport.ReceivedAsync(sandbox));
        Assert.Equal("LGSPSANDBOX", received.GetProperty("partner").GetString());
        Assert.Equal(JsonValueKind.Null, received.GetProperty("officerKeyName").ValueKind); // no AuthHash in this profile
        Assert.Equal("officer-42", received.GetProperty("maCanBo").GetString());
    }

    [Fact]
    public async Task LgspAccessTokenAndAuthHash_SendsTheOfficersAccountAndItsUserNameAsMaCanBo()
    {
        await ProfileAsync(new { requireCredentials = "LgspAccessTokenAndAuthHash" });
        using var adapter = Adapter("LgspAccessTokenAndAuthHash");
        var citizen = Citizen();

        await LookupAsync(adapter, citizen);
        await LookupAsync(adapter, citizen, officer: "CB-0077"); // an account without UserName: MaCanBo is the officer id

        var received = await PopulationTestSupport.ReceivedAsync(sandbox);
        Assert.Equal(2, received.Count);
        Assert.Equal(("sandbox-officer-0077", "CB-0077", "found"),
            (received[0].GetProperty("officerKeyName").GetString(), received[0].GetProperty("maCanBo").GetString(), received[0].GetProperty("outcome").GetString()));
        Assert.Equal(("sandbox-officer-0042", "CB-0042", "found"),
            (received[1].GetProperty("officerKeyName").GetString(), received[1].GetProperty("maCanBo").GetString(), received[1].GetProperty("outcome").GetString()));
        Assert.All(received, r => Assert.Equal("LGSPSANDBOX", r.GetProperty("partner").GetString()));
    }

    [Fact]
    public async Task LgspAccessTokenAndAuthHash_OfficerWithoutAnAccount_IsRefusedBeforeAnythingIsSent()
    {
        using var adapter = Adapter("LgspAccessTokenAndAuthHash");

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(adapter, Citizen(), officer: "CB-9999"));

        Assert.Equal(ErrorCatalogue.ValidationFailed, fault.Error);
        Assert.Equal(FaultOrigin.Client, fault.Error.Origin);
        Assert.Equal(("officerId", "lookup.officer_not_enrolled"), (Assert.Single(fault.FieldErrors).Field, fault.FieldErrors[0].Reason));
        Assert.Empty(await sandbox.CallsAsync(SourceNames.Population));
    }

    [Theory]
    [InlineData("LgspAccessToken", "wrong-partner-secret", "sandbox-officer-0042-pass-NOT-A-SECRET")]
    [InlineData("LgspAccessTokenAndAuthHash", "sandbox-bhxh-secret-key-NOT-A-SECRET", "wrong-officer-pass")]
    public async Task WrongSecret_IsUnauthorizedOnceAndNeverShown(string profile, string secretKey, string keyPass)
    {
        using var adapter = Adapter(profile, secret: Secret(secretKey + Leaky, keyPass + Leaky));

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(adapter, Citizen()));

        Assert.Equal("upstream.population.unauthorized", fault.Error.Code);
        Assert.DoesNotContain(Leaky, fault.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("unauthorized:", Assert.Single(await PopulationTestSupport.ReceivedAsync(sandbox)).GetProperty("outcome").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegrationCode_AgainstAGatewayThatRequiresTheToken_IsUnauthorized_AndTheTokenProfileIsAnswered()
    {
        await ProfileAsync(new { requireCredentials = "LgspAccessToken" });
        using var plain = Adapter("IntegrationCode");
        using var token = Adapter("LgspAccessToken");

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(plain, Citizen()));
        await LookupAsync(token, Citizen());

        Assert.Equal("upstream.population.unauthorized", fault.Error.Code);
    }

    [Fact]
    public async Task Required_UnsignedAnswer_IsSignatureInvalid()
    {
        await ProfileAsync(new { signAnswers = false });
        using var adapter = Adapter(signatures: "Required");

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(adapter, Citizen()));

        Assert.Equal("upstream.population.signature_invalid", fault.Error.Code);
    }

    [Fact]
    public async Task Optional_UnsignedAnswer_IsAccepted_ASignedOneVerified_AndABrokenOneRefused()
    {
        using var adapter = Adapter(signatures: "Optional");
        var citizen = Citizen();

        await ProfileAsync(new { signAnswers = false });
        var unsigned = await LookupAsync(adapter, citizen);
        await ProfileAsync(new { signAnswers = true });
        var signed = await LookupAsync(adapter, citizen);
        await sandbox.SetFaultAsync(SourceNames.Population, new { mode = "badsignature" });
        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(adapter, citizen));

        Assert.Equal(citizen.SoDinhDanh, unsigned.PersonalId.Value);
        Assert.Equal(citizen.SoDinhDanh, signed.PersonalId.Value);
        Assert.Equal("upstream.population.signature_invalid", fault.Error.Code);
        Assert.Equal([true, true, false], (await PopulationTestSupport.ReceivedAsync(sandbox)).Select(r => r.GetProperty("signed").GetBoolean()));
    }

    [Fact]
    public async Task Absent_DoesNotLook_EvenWithoutATrustFileOrWithABrokenSignature()
    {
        using var adapter = Adapter(signatures: "Absent", trust: false);
        var citizen = Citizen();

        await ProfileAsync(new { signAnswers = false });
        var unsigned = await LookupAsync(adapter, citizen);
        await ProfileAsync(new { signAnswers = true });
        await sandbox.SetFaultAsync(SourceNames.Population, new { mode = "badsignature" });
        var broken = await LookupAsync(adapter, citizen);

        Assert.Equal(citizen.SoDinhDanh, unsigned.PersonalId.Value);
        Assert.Equal(citizen.SoDinhDanh, broken.PersonalId.Value);
    }

    [Fact]
    public void Options_TrustFileMissing_IsRequiredUnlessSignaturesAreAbsent()
    {
        var validator = new PopulationOptionsValidator();
        var required = validator.Validate(null, new PopulationOptions { IntegrationCode = "X", AnswerSignatures = AnswerSignatureProfile.Optional });
        var absent = validator.Validate(null, new PopulationOptions { IntegrationCode = "X", AnswerSignatures = AnswerSignatureProfile.Absent });

        Assert.Contains(required.Failures!, f => f.Contains("TrustedCertificatePath", StringComparison.Ordinal));
        Assert.True(absent.Succeeded);
    }

    /// <summary>Innermost: the <c>lgspaccesstoken</c> of each attempt as it goes out.</summary>
    private sealed class Watch(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.Headers.GetValues("lgspaccesstoken").Single());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
