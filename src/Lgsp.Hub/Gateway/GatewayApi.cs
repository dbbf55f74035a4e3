using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Time;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// <c>/api/v1/…</c>: one resource per national source. Each needs a hub access token with the source's scope, the
/// purpose header (and for population the officer header), and an access right for the client; answers are signed
/// packets (see <c>Gateway/README.md</c>). Here are the routes and what each hands the gateway: its operation, its
/// parsed input (<see cref="GatewayInputs"/>) and its source call; the descriptions are in <see cref="GatewayApiDescriptions"/>.
/// </summary>
internal static class GatewayApi
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The verification body's limit in bytes (default 16 KiB; a request is a few hundred bytes).</summary>
    private const string VerifyBodyLimitKey = "Gateway:MaxVerifyBodyBytes";

    private static readonly LookupOperation GetCitizenOp = new(SourceNames.Population, "TraCuuThongTinCongDan", ErrorCatalogue.InvalidPersonalId, "personalId", RequiresOfficer: true);
    private static readonly LookupOperation VerifyCitizenOp = new(SourceNames.Population, "XacThucThongTinCongDan", ErrorCatalogue.InvalidPersonalId, "/personalId", RequiresOfficer: true);
    private static readonly LookupOperation GetEnterpriseOp = new(SourceNames.Business, "chiTietDoanhNghiep", ErrorCatalogue.InvalidEnterpriseCode, "code");
    private static readonly LookupOperation FindParcelOp = new(SourceNames.Land, "FindParcel", ErrorCatalogue.ValidationFailed, string.Empty);
    private static readonly LookupOperation FindParcelByCertificateOp = new(SourceNames.Land, "FindParcelByCertificate", ErrorCatalogue.ValidationFailed, "certificate");
    private static readonly LookupOperation GetParticipantOp = new(SourceNames.Insurance, "traCuuThongTinBHXH", ErrorCatalogue.InvalidSocialInsuranceCode, "code");
    private static readonly LookupOperation GetRegistrationOp = new(SourceNames.CivilRegistry, "hoSo", ErrorCatalogue.ValidationFailed, string.Empty);
    private static readonly LookupOperation FindRegistrationsOp = new(SourceNames.CivilRegistry, "traCuuTheoCaNhan", ErrorCatalogue.InvalidPersonalId, "personalId");

    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapGet("/population/citizens/{personalId}", GetCitizenAsync).DescribeLookup("Population", HubScopes.PopulationRead, officer: true,
            "Tra cứu thông tin công dân (TraCuuThongTinCongDan) — a citizen of the national population database by personal id.");
        api.MapPost("/population/citizens/verify", VerifyCitizenAsync).Accepts<CitizenVerificationInput>("application/json")
            .WithRequestBodyLimit(VerifyBodyLimitKey, MaxBodyBytes).ProducesProblem(StatusCodes.Status413PayloadTooLarge).DescribeLookup("Population", HubScopes.PopulationRead, officer: true,
            "Xác thực thông tin công dân (XacThucThongTinCongDan) — do the given name and date (or year) of birth match the population database?");
        api.MapGet("/business/enterprises/{code}", GetEnterpriseAsync).DescribeLookup("Business", HubScopes.BusinessRead, officer: false,
            "An enterprise or branch (10-digit code, or code-NNN) of the national business registry.");
        api.MapGet("/land/parcels", FindParcelAsync).DescribeLookup("Land", HubScopes.LandRead, officer: false,
            "A land parcel by ward, map sheet and parcel number (?ward=&mapSheet=&parcel=), or by certificate serial (?certificate=).");
        api.MapGet("/insurance/participants/{code}", GetParticipantAsync).DescribeLookup("Insurance", HubScopes.InsuranceRead, officer: false,
            "A social insurance participant (10-digit BHXH code) and their contribution periods.");
        api.MapGet("/civil-registry/registrations", FindRegistrationsAsync).DescribeLookup("Civil registry", HubScopes.CivilRegistryRead, officer: false,
            "A civil registration by kind, office, book and number (?kind=KS&office=&book=01/2019&number=), or every registration about a person (?personalId=).");
        return app;
    }

    private static Task GetCitizenAsync(string personalId, HttpContext http, LookupGateway gateway, TimeProvider time) =>
        gateway.RunAsync<IPopulationSource, PersonalId>(http, GetCitizenOp,
            GatewayInputs.Person(personalId, "personalId", VietnamTime.Today(time)),
            async (source, id, context, ct) => await source.GetCitizenAsync(id, context, ct));

    private static async Task VerifyCitizenAsync(HttpContext http, LookupGateway gateway, TimeProvider time)
    {
        var (body, tooLarge) = await ReadBodyAsync(http.Request);
        await gateway.RunAsync<IPopulationSource, CitizenVerificationRequest>(http, VerifyCitizenOp,
            GatewayInputs.Verification(body, tooLarge, VietnamTime.Today(time)),
            async (source, request, context, ct) => await source.VerifyCitizenAsync(request, context, ct),
            body ?? []);
    }

    private static Task GetEnterpriseAsync(string code, HttpContext http, LookupGateway gateway) =>
        gateway.RunAsync<IBusinessRegistrySource, EnterpriseCode>(http, GetEnterpriseOp,
            GatewayInputs.Enterprise(code),
            async (source, value, context, ct) => await source.GetEnterpriseAsync(value, context, ct));

    private static Task FindParcelAsync(HttpContext http, LookupGateway gateway, string? ward = null, string? mapSheet = null, string? parcel = null, string? certificate = null)
    {
        if (certificate is not null && ward is null && mapSheet is null && parcel is null)
        {
            return gateway.RunAsync<ILandSource, string>(http, FindParcelByCertificateOp,
                GatewayInputs.Certificate(certificate),
                async (source, serial, context, ct) => await source.GetParcelByCertificateAsync(serial, context, ct));
        }

        return gateway.RunAsync<ILandSource, ParcelKey>(http, FindParcelOp,
            GatewayInputs.Parcel(ward, mapSheet, parcel, certificate),
            async (source, key, context, ct) => await source.GetParcelAsync(key, context, ct));
    }

    private static Task GetParticipantAsync(string code, HttpContext http, LookupGateway gateway) =>
        gateway.RunAsync<ISocialInsuranceSource, SocialInsuranceCode>(http, GetParticipantOp,
            GatewayInputs.Participant(code),
            async (source, value, context, ct) => await source.GetParticipantAsync(value, context, ct));

    private static Task FindRegistrationsAsync(HttpContext http, LookupGateway gateway, TimeProvider time,
        string? kind = null, string? office = null, string? book = null, string? number = null, string? personalId = null)
    {
        if (personalId is not null && kind is null && office is null && book is null && number is null)
        {
            return gateway.RunAsync<ICivilRegistrySource, PersonalId>(http, FindRegistrationsOp,
                GatewayInputs.Person(personalId, "personalId", VietnamTime.Today(time)),
                async (source, id, context, ct) => await source.FindBySubjectAsync(id, context, ct));
        }

        return gateway.RunAsync<ICivilRegistrySource, CivilRegistrationKey>(http, GetRegistrationOp,
            GatewayInputs.Registration(kind, office, book, number, personalId),
            async (source, key, context, ct) => await source.GetRegistrationAsync(key, context, ct));
    }

    /// <summary>The body, which the endpoint's limit caps while it is read (a larger one fails with 413 before it is buffered).</summary>
    private static async Task<(byte[]? Body, bool TooLarge)> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return (buffer.ToArray(), false);
    }
}
