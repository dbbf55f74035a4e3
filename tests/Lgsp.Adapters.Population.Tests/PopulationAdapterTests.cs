using System.Globalization;
using System.Text;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>
/// What only the population source asks of its adapter, checked against what the stand-in received: the exchange,
/// procedure and officer on every call, no call without an officer, verification in the database's comparison form,
/// year-only births, and trust pinned to the source's certificate.
/// </summary>
public sealed class PopulationAdapterTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private string _trustPath = "";

    public async Task InitializeAsync()
    {
        await sandbox.ResetFaultAsync(SourceNames.Population);
        await PopulationTestSupport.ClearReceivedAsync(sandbox);
        _trustPath = await PopulationTestSupport.WriteTrustFileAsync(sandbox);
    }

    public Task DisposeAsync()
    {
        PopulationTestSupport.Delete(_trustPath);
        return Task.CompletedTask;
    }

    private ServiceProvider Adapter(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = PopulationTestSupport.Settings(sandbox.HttpBaseUrl, _trustPath);
        change?.Invoke(settings);
        return PopulationTestSupport.Build(settings);
    }

    private CongDan Citizen(Func<CongDan, bool> predicate) => sandbox.World().Citizens.First(c => !c.DaChet && predicate(c));

    [Fact]
    public async Task EveryCall_CarriesTheExchangeTheNationalProcedureTheIntegrationAndTheOfficer_InTheSchemasOrder()
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IPopulationSource>();
        var citizen = Citizen(c => c.NgayThangNamSinh.NgayThangNam is not null);
        var lookup = PopulationTestSupport.Context(officer: " CB-0042 ", purpose: "1.001193.000.00.00.H56");
        var verify = PopulationTestSupport.Context(officer: "CB-0777", purpose: "2.000488");

        await source.GetCitizenAsync(citizen.Id(), lookup, CancellationToken.None);
        await source.VerifyCitizenAsync(new CitizenVerificationRequest
        {
            PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, DateOfBirth = citizen.NgayThangNamSinh.NgayThangNam,
        }, verify, CancellationToken.None);

        var received = await PopulationTestSupport.ReceivedAsync(sandbox);
        Assert.Equal(2, received.Count);
        var (v, l) = (received[0], received[1]);
        Assert.Equal("\"http://dancuquocgia.bca/TraCuuThongTinCongDan\"", l.GetProperty("soapAction").GetString());
        Assert.Equal(lookup.RequestId, l.GetProperty("maYeuCau").GetString());
        Assert.Equal("1.001193", l.GetProperty("maDvc").GetString()); // the national code, without the province's suffix
        Assert.Equal(PopulationTestSupport.IntegrationCode, l.GetProperty("maTichHop").GetString());
        Assert.Equal("CB-0042", l.GetProperty("maCanBo").GetString());
        Assert.Equal(["MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoDinhDanh"], l.GetProperty("fieldOrder").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("found", l.GetProperty("outcome").GetString());

        Assert.Equal("\"http://dancuquocgia.bca/XacThucThongTinCongDan\"", v.GetProperty("soapAction").GetString());
        Assert.Equal(verify.RequestId, v.GetProperty("maYeuCau").GetString());
        Assert.Equal("2.000488", v.GetProperty("maDvc").GetString());
        Assert.Equal("CB-0777", v.GetProperty("maCanBo").GetString());
        Assert.Equal(["MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoDinhDanh", "HoVaTen", "NgayThangNamSinh"],
            v.GetProperty("fieldOrder").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(citizen.HoVaTen.KhongDau, v.GetProperty("hoVaTen").GetString());
        Assert.Equal(citizen.NgayThangNamSinh.NgayThangNam!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture), v.GetProperty("ngayThangNam").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnyCall_WithoutOfficer_IsRefusedAsTheClientsFaultBeforeAnythingIsSent(string? officer)
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IPopulationSource>();
        var citizen = Citizen(_ => true);

        var lookup = await Assert.ThrowsAsync<LgspException>(() => source.GetCitizenAsync(citizen.Id(), PopulationTestSupport.Context(officer), CancellationToken.None));
        var verify = await Assert.ThrowsAsync<LgspException>(() => source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, BirthYear = citizen.NgayThangNamSinh.Nam },
            PopulationTestSupport.Context(officer), CancellationToken.None));

        foreach (var fault in new[] { lookup, verify })
        {
            Assert.Equal(ErrorCatalogue.ValidationFailed, fault.Error);
            Assert.Equal(FaultOrigin.Client, fault.Error.Origin);
            var field = Assert.Single(fault.FieldErrors);
            Assert.Equal(("officerId", "lookup.officer_id_missing"), (field.Field, field.Reason));
        }

        Assert.Empty(await sandbox.CallsAsync(SourceNames.Population));
    }

    public static TheoryData<string> SameNameWritten => new()
    {
        "{0}",                                   // as written, with diacritics
        "{1}",                                   // the comparison form itself
        "  {0}  ",                               // surrounding spaces
        "{2}",                                   // lower case
        "{3}",                                   // decomposed (NFD), as macOS writes it
        "{4}",                                   // several spaces and a non-breaking one between words
    };

    [Theory]
    [MemberData(nameof(SameNameWritten))]
    public async Task Verify_TheNameWrittenAnotherWay_Matches(string pattern)
    {
        using var adapter = Adapter();
        var citizen = Citizen(c => c.NgayThangNamSinh.NgayThangNam is not null && c.HoVaTen.DayDu != c.HoVaTen.KhongDau);
        var full = citizen.HoVaTen.DayDu;
        var name = string.Format(CultureInfo.InvariantCulture, pattern, full, citizen.HoVaTen.KhongDau, full.ToLowerInvariant(),
            full.Normalize(NormalizationForm.FormD), full.Replace(" ", "  \u00A0", StringComparison.Ordinal));

        var result = await adapter.GetRequiredService<IPopulationSource>().VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = name, DateOfBirth = citizen.NgayThangNamSinh.NgayThangNam },
            PopulationTestSupport.Context(), CancellationToken.None);

        Assert.True(result.Matched);
        Assert.Equal(citizen.Id(), result.PersonalId);
        Assert.Equal(["fullName", "dateOfBirth"], result.ComparedFields);
        Assert.Equal(citizen.HoVaTen.KhongDau, (await PopulationTestSupport.ReceivedAsync(sandbox))[0].GetProperty("hoVaTen").GetString());
    }

    [Fact]
    public async Task Verify_AnotherNameOrDay_DoesNotMatch()
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IPopulationSource>();
        var citizen = Citizen(c => c.NgayThangNamSinh.NgayThangNam is not null);
        var date = citizen.NgayThangNamSinh.NgayThangNam!.Value;

        var otherName = await source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu + " An", DateOfBirth = date },
            PopulationTestSupport.Context(), CancellationToken.None);
        var otherDay = await source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, DateOfBirth = date.AddDays(1) },
            PopulationTestSupport.Context(), CancellationToken.None);

        Assert.False(otherName.Matched);
        Assert.False(otherDay.Matched);
        Assert.Equal(["fullName", "dateOfBirth"], otherDay.ComparedFields);
    }

    [Fact]
    public async Task Verify_YearOnlyRecord_ComparesTheYearAndSaysTheDayWasNotChecked()
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IPopulationSource>();
        var citizen = Citizen(c => c.NgayThangNamSinh.NgayThangNam is null);
        var year = citizen.NgayThangNamSinh.Nam;

        var byYear = await source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, BirthYear = year },
            PopulationTestSupport.Context(), CancellationToken.None);
        var byDate = await source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, DateOfBirth = new DateOnly(year, 6, 1) },
            PopulationTestSupport.Context(), CancellationToken.None);
        var wrongYear = await source.VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, BirthYear = year + 1 },
            PopulationTestSupport.Context(), CancellationToken.None);

        Assert.True(byYear.Matched);
        Assert.Equal(["fullName", "birthYear"], byYear.ComparedFields);
        Assert.True(byDate.Matched);
        Assert.Equal(["fullName", "birthYear"], byDate.ComparedFields);
        Assert.False(wrongYear.Matched);
    }

    [Fact]
    public async Task Verify_YearOnlyRequestForAFullDateRecord_ComparesOnlyTheYear()
    {
        using var adapter = Adapter();
        var citizen = Citizen(c => c.NgayThangNamSinh.NgayThangNam is not null);

        var result = await adapter.GetRequiredService<IPopulationSource>().VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = citizen.Id(), FullName = citizen.HoVaTen.DayDu, BirthYear = citizen.NgayThangNamSinh.Nam },
            PopulationTestSupport.Context(), CancellationToken.None);

        Assert.True(result.Matched);
        Assert.Equal(["fullName", "birthYear"], result.ComparedFields);
        var sent = (await PopulationTestSupport.ReceivedAsync(sandbox))[0];
        Assert.Equal(citizen.NgayThangNamSinh.Nam.ToString(CultureInfo.InvariantCulture), sent.GetProperty("nam").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, sent.GetProperty("ngayThangNam").ValueKind);
    }

    public static TheoryData<string, int?, DateOnly?, string> Unverifiable => new()
    {
        { " \u200B ", 1980, null, "citizen_verification.full_name_empty" },
        { "Nguyễn Văn An", null, null, "citizen_verification.birth_missing" },
        { "Nguyễn Văn An", 1981, new DateOnly(1980, 5, 1), "citizen_verification.birth_inconsistent" },
    };

    [Theory]
    [MemberData(nameof(Unverifiable))]
    public async Task Verify_FactsThatCannotBeCompared_AreRefusedBeforeAnyCall(string name, int? year, DateOnly? date, string reason)
    {
        using var adapter = Adapter();

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IPopulationSource>().VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = Citizen(_ => true).Id(), FullName = name, BirthYear = year, DateOfBirth = date },
            PopulationTestSupport.Context(), CancellationToken.None));

        Assert.Equal(ErrorCatalogue.ValidationFailed, fault.Error);
        Assert.Equal(reason, Assert.Single(fault.FieldErrors).Reason);
        Assert.Empty(await sandbox.CallsAsync(SourceNames.Population));
    }

    [Fact]
    public async Task Verify_UnknownCitizen_IsNotFound()
    {
        using var adapter = Adapter();

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IPopulationSource>().VerifyCitizenAsync(
            new CitizenVerificationRequest { PersonalId = PopulationTestSupport.UnknownId(sandbox.World()), FullName = "Nguyễn Văn An", BirthYear = 1985 },
            PopulationTestSupport.Context(), CancellationToken.None));

        Assert.Equal("upstream.population.not_found", fault.Error.Code);
    }

    [Fact]
    public async Task Lookup_ByOldNineDigitId_ReturnsTheCitizenWithBothIds()
    {
        using var adapter = Adapter();
        var citizen = Citizen(c => c.SoCmnd is not null);

        var result = await adapter.GetRequiredService<IPopulationSource>().GetCitizenAsync(PersonalId.Parse(citizen.SoCmnd!), PopulationTestSupport.Context(), CancellationToken.None);

        Assert.Equal(citizen.SoDinhDanh, result.PersonalId.Value);
        Assert.Equal(citizen.SoCmnd, result.OldId?.Value);
        Assert.Equal(["MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoCMND"],
            (await PopulationTestSupport.ReceivedAsync(sandbox))[0].GetProperty("fieldOrder").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Lookup_HighlandName_IsSplitByPositionAsTheDatabaseSplitsIt()
    {
        using var adapter = Adapter();
        var citizen = Citizen(c => c.HoVaTen.Ho is "Y" or "A" || c.HoVaTen.Ho.StartsWith("H'", StringComparison.Ordinal) || c.HoVaTen.Ho.StartsWith("K'", StringComparison.Ordinal));

        var result = await adapter.GetRequiredService<IPopulationSource>().GetCitizenAsync(citizen.Id(), PopulationTestSupport.Context(), CancellationToken.None);

        // Ho here is a gender or clan prefix, carried in Family as the database has it: never re-split or "fixed".
        Assert.Equal(citizen.HoVaTen.Ho, result.Name!.Family);
        Assert.Equal(citizen.HoVaTen.ChuDem.Length == 0 ? null : citizen.HoVaTen.ChuDem, result.Name.Middle);
        Assert.Equal(citizen.HoVaTen.Ten, result.Name.Given);
        Assert.Equal(citizen.HoVaTen.DayDu, result.Name.Full);
    }

    [Fact]
    public async Task Lookup_YearOnlyBirthAndDeceased_AreMapped()
    {
        using var adapter = Adapter();
        var source = adapter.GetRequiredService<IPopulationSource>();
        var yearOnly = Citizen(c => c.NgayThangNamSinh.NgayThangNam is null);
        var deceased = sandbox.World().Citizens.First(c => c.DaChet);

        var a = await source.GetCitizenAsync(yearOnly.Id(), PopulationTestSupport.Context(), CancellationToken.None);
        var b = await source.GetCitizenAsync(deceased.Id(), PopulationTestSupport.Context(), CancellationToken.None);

        Assert.Null(a.DateOfBirth);
        Assert.Equal(yearOnly.NgayThangNamSinh.Nam, a.BirthYear);
        Assert.Equal(deceased.NgayChet, b.DateOfDeath);
    }

    [Fact]
    public async Task Lookup_AnswerSignedByAnotherValidCertificate_IsRefusedAsTheSourcesSignatureFault()
    {
        using var other = TestCertificates.CreateRsa("Not the population database", keySize: 3072);
        var otherPath = PopulationTestSupport.TempPath();
        await File.WriteAllTextAsync(otherPath, other.ExportCertificatePem());
        try
        {
            using var adapter = Adapter(s => s["Adapters:population:TrustedCertificatePath"] = otherPath);

            var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IPopulationSource>()
                .GetCitizenAsync(Citizen(_ => true).Id(), PopulationTestSupport.Context(), CancellationToken.None));

            Assert.Equal("upstream.population.signature_invalid", fault.Error.Code);
            Assert.Contains("client.signature_untrusted", fault.Detail?.En, StringComparison.Ordinal);
            Assert.Equal(1, (await sandbox.CallsAsync(SourceNames.Population)).Values.Sum()); // refused, not retried
        }
        finally
        {
            PopulationTestSupport.Delete(otherPath);
        }
    }

    [Fact]
    public async Task Lookup_TrustedCertificateFileReplaced_IsPickedUpWithoutRestart()
    {
        using var other = TestCertificates.CreateRsa("Old population certificate", keySize: 3072);
        var path = PopulationTestSupport.TempPath();
        await File.WriteAllTextAsync(path, other.ExportCertificatePem());
        try
        {
            using var adapter = Adapter(s => s["Adapters:population:TrustedCertificatePath"] = path);
            var source = adapter.GetRequiredService<IPopulationSource>();
            var citizen = Citizen(_ => true);
            await Assert.ThrowsAsync<LgspException>(() => source.GetCitizenAsync(citizen.Id(), PopulationTestSupport.Context(), CancellationToken.None));

            // The rollover: the source's current certificate next to the old one.
            await File.WriteAllTextAsync(path, other.ExportCertificatePem() + "\n" + await File.ReadAllTextAsync(_trustPath));
            File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));

            var result = await source.GetCitizenAsync(citizen.Id(), PopulationTestSupport.Context(), CancellationToken.None);
            Assert.Equal(citizen.SoDinhDanh, result.PersonalId.Value);
        }
        finally
        {
            PopulationTestSupport.Delete(path);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("garbage")]
    [InlineData("weak")]
    public async Task Lookup_TrustedCertificateUnusable_IsTheHubsFaultNamingTheKey_AndNothingIsAsked(string kind)
    {
        var path = PopulationTestSupport.TempPath();
        using var weak = TestCertificates.CreateRsa("Weak", keySize: 1024);
        switch (kind)
        {
            case "garbage":
                await File.WriteAllTextAsync(path, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
                break;
            case "weak":
                await File.WriteAllTextAsync(path, weak.ExportCertificatePem());
                break;
        }

        try
        {
            using var adapter = Adapter(s => s["Adapters:population:TrustedCertificatePath"] = path);

            var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IPopulationSource>()
                .GetCitizenAsync(Citizen(_ => true).Id(), PopulationTestSupport.Context(), CancellationToken.None));

            Assert.Equal(ErrorCatalogue.Internal, fault.Error);
            Assert.Equal(FaultOrigin.Hub, fault.Error.Origin);
            Assert.Contains("Adapters:population:TrustedCertificatePath", fault.Detail?.En, StringComparison.Ordinal);
            Assert.Empty(await sandbox.CallsAsync(SourceNames.Population));
        }
        finally
        {
            PopulationTestSupport.Delete(path);
        }
    }

    [Fact]
    public async Task Lookup_IntegrationCodeNotRegistered_IsUnauthorizedAtOnceAndNotRetried()
    {
        using var adapter = Adapter(s => s["Adapters:population:IntegrationCode"] = "LGSP-UNKNOWN");

        var fault = await Assert.ThrowsAsync<LgspException>(() => adapter.GetRequiredService<IPopulationSource>()
            .GetCitizenAsync(Citizen(_ => true).Id(), PopulationTestSupport.Context(), CancellationToken.None));

        Assert.Equal("upstream.population.unauthorized", fault.Error.Code);
        Assert.Contains("DC02", fault.Detail?.En, StringComparison.Ordinal);
        Assert.Equal(1, (await sandbox.CallsAsync(SourceNames.Population)).Values.Sum()); // a SOAP Client fault is a refusal, not an outage
    }

    [Fact]
    public void Start_OptionsMissing_FailsListingEveryKey()
    {
        using var adapter = PopulationTestSupport.Build(new Dictionary<string, string?>
        {
            ["Adapters:population:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:population:ServicePath"] = "/csdldancu/1.0/CongDanService",
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            adapter.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<PopulationOptions>>().CurrentValue);

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:population:IntegrationCode ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:population:TrustedCertificatePath ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:population:ServicePath ", StringComparison.Ordinal));
    }
}
