using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// What the end-to-end cases need to know about one source: a record the sandbox holds, one it does not, an invalid
/// key and what the hub says about it, a granted purpose, a client with the scope but no right, a purpose the portal
/// was not granted, and what the answer must contain. Records come from the sandbox's <c>/_sandbox/demo</c>.
/// </summary>
public sealed record SourceCase(
    string Source,
    string Scope,
    string Operation,
    string ExistingPath,
    string MissingPath,
    string InvalidPath,
    string InvalidCode,
    string[] InvalidReasons,
    string GrantedPurpose,
    string ClientWithoutRight,
    string PurposeNotGranted,
    string? Officer,
    Action<Packet> AssertAnswer)
{
    public override string ToString() => Source;

    public static async Task<SourceCase> ForAsync(string source, SandboxFixture sandbox)
    {
        var demo = await sandbox.DemoAsync();
        return source switch
        {
            SourceNames.Business => Business(demo),
            SourceNames.Land => Land(demo),
            SourceNames.Insurance => Insurance(demo),
            SourceNames.Population => Population(demo),
            SourceNames.CivilRegistry => CivilRegistry(demo),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "No end-to-end case for this source yet."),
        };
    }

    private static SourceCase Business(JsonElement demo)
    {
        var first = demo.GetProperty("enterprises")[0];
        var code = first.GetProperty("enterpriseCode").GetString()!;
        var name = first.GetProperty("name").GetString()!;
        var known = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()).ToHashSet(StringComparer.Ordinal);
        var missing = Enumerable.Range(10_000_000, 1000)
            .Select(n => n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))
            .Select(first9 => EnterpriseCode.ComputeCheckDigit(first9) is { } check ? first9 + check : null)
            .First(c => c is not null && EnterpriseCode.TryParse(c, out _) && !known.Contains(c))!;
        return new SourceCase(SourceNames.Business, "lgsp.business.read", "chiTietDoanhNghiep",
            "/api/v1/business/enterprises/" + code, "/api/v1/business/enterprises/" + missing,
            "/api/v1/business/enterprises/0101234568", "client.invalid_enterprise_code", ["code:enterprise_code.check_digit"],
            "1.001193", GatewayFixture.AuditOffice, "2.999999", null,
            packet =>
            {
                var enterprise = Assert.IsType<Enterprise>(packet.Body);
                Assert.Equal(code, enterprise.Code.Value);
                Assert.Equal(name, enterprise.Name);
                Assert.NotEmpty(enterprise.Representatives!);
            })
        {
            // The portal may use the business registry for any purpose: the records office is the one with a narrow right.
            PurposeClient = GatewayFixture.RecordsOffice,
        };
    }

    private static SourceCase Land(JsonElement demo)
    {
        var parcel = demo.GetProperty("parcels")[0];
        var ward = parcel.GetProperty("wardCode").GetString()!;
        var sheet = parcel.GetProperty("mapSheet").GetInt32();
        var number = parcel.GetProperty("parcelNo").GetInt32();
        var certificate = parcel.GetProperty("certificate").GetString()!;
        return new SourceCase(SourceNames.Land, "lgsp.land.read", "FindParcel",
            $"/api/v1/land/parcels?ward={ward}&mapSheet={sheet}&parcel={number}", $"/api/v1/land/parcels?ward={ward}&mapSheet=9999&parcel=99999",
            "/api/v1/land/parcels?ward=12&mapSheet=0&parcel=x", "client.validation_failed",
            ["ward:ward_code.format", "mapSheet:map_sheet.format", "parcel:parcel_no.format"],
            "1.004227", GatewayFixture.RecordsOffice, "1.001193", null,
            packet =>
            {
                var answer = Assert.IsType<LandParcel>(packet.Body);
                Assert.Equal((ward, sheet, number), (answer.WardCode, answer.MapSheetNo, answer.ParcelNo));
                Assert.Equal(certificate, answer.Certificate?.Serial);
                Assert.NotEmpty(answer.Owners!);
            });
    }

    private static SourceCase Insurance(JsonElement demo)
    {
        var first = demo.GetProperty("socialInsurance")[0];
        var code = first.GetProperty("bhxhCode").GetString()!;
        var name = first.GetProperty("fullName").GetString()!;
        return new SourceCase(SourceNames.Insurance, "lgsp.insurance.read", "traCuuThongTinBHXH",
            "/api/v1/insurance/participants/" + code, "/api/v1/insurance/participants/0012345678",
            "/api/v1/insurance/participants/12345", "client.invalid_social_insurance_code", ["code:social_insurance_code.length"],
            "1.001193", GatewayFixture.RecordsOffice, "1.000894", null,
            packet =>
            {
                var record = Assert.IsType<SocialInsuranceRecord>(packet.Body);
                Assert.Equal(code, record.Code.Value);
                Assert.Equal(name, record.FullName);
                // The portal's right narrows insurance records (config/access-rights.json): no salary, no employer code, no personal id.
                Assert.NotEmpty(record.Periods!);
                Assert.All(record.Periods!, p => Assert.Null(p.Salary));
                Assert.All(record.Periods!, p => Assert.Null(p.EmployerCode));
                Assert.Null(record.PersonalId);
            });
    }

    private static SourceCase Population(JsonElement demo)
    {
        var first = demo.GetProperty("citizens")[0];
        var id = first.GetProperty("personalId").GetString()!;
        var name = first.GetProperty("fullName").GetString()!;
        var known = demo.GetProperty("citizens").EnumerateArray().Select(c => c.GetProperty("personalId").GetString()).ToHashSet(StringComparer.Ordinal);
        var missing = PersonalId.CreateCccd("001", Gender.Male, 1985, 999_999).Value;
        Assert.DoesNotContain(missing, known);
        return new SourceCase(SourceNames.Population, "lgsp.population.read", "TraCuuThongTinCongDan",
            "/api/v1/population/citizens/" + id, "/api/v1/population/citizens/" + missing,
            "/api/v1/population/citizens/0011900043", "client.invalid_personal_id", ["personalId:personal_id.length"],
            "1.001193", GatewayFixture.RecordsOffice, "2.000889", GatewayFixture.Officer,
            packet =>
            {
                var citizen = Assert.IsType<Citizen>(packet.Body);
                Assert.Equal(id, citizen.PersonalId.Value);
                Assert.Equal(name, citizen.Name?.Full);
                Assert.Equal(GatewayFixture.Officer, packet.Header.OfficerId);
            });
    }

    private static SourceCase CivilRegistry(JsonElement demo)
    {
        var entry = demo.GetProperty("civilRegistry")[0];
        var (kind, office, book, number) = (entry.GetProperty("kind").GetString()!, entry.GetProperty("office").GetString()!, entry.GetProperty("book").GetString()!, entry.GetProperty("number").GetInt32());
        var query = $"/api/v1/civil-registry/registrations?kind={kind}&office={office}&book={Uri.EscapeDataString(book)}&number=";
        return new SourceCase(SourceNames.CivilRegistry, "lgsp.civilregistry.read", "hoSo",
            query + number, query + 9_999,
            "/api/v1/civil-registry/registrations?kind=XX&office=12&book=2019&number=0", "client.validation_failed",
            ["kind:registration_kind.unknown", "office:office_code.format", "book:book_no.format", "number:registration_no.format"],
            "1.000894", GatewayFixture.RecordsOffice, "1.004227", null,
            packet =>
            {
                var registration = Assert.IsType<CivilRegistration>(packet.Body);
                Assert.Equal((kind, office, book, number), (registration.Kind, registration.OfficeCode, registration.BookNo, registration.RegistrationNo));
                Assert.NotNull(registration.Subject);
            });
    }

    /// <summary>Who is refused for <see cref="PurposeNotGranted"/> (the portal unless it may use the source for any purpose).</summary>
    public string PurposeClient { get; init; } = GatewayFixture.Portal;

    /// <summary>A token scope the client has that is not this source's (for the missing-scope case).</summary>
    public string OtherScope => Scope == "lgsp.land.read" ? "lgsp.business.read" : "lgsp.land.read";
}
