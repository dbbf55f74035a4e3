using System.Globalization;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Time;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Microsoft.OpenApi;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// <c>/api/v1/…</c>: one resource per national source. Each needs a hub access token with the source's scope, the
/// purpose header (and for population the officer header), and an access right for the client; answers are signed
/// packets (see <c>Gateway/README.md</c>).
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

        Describe(api.MapGet("/population/citizens/{personalId}", GetCitizenAsync), "Population", HubScopes.PopulationRead, officer: true,
            "Tra cứu thông tin công dân (TraCuuThongTinCongDan) — a citizen of the national population database by personal id.");
        Describe(api.MapPost("/population/citizens/verify", VerifyCitizenAsync).Accepts<CitizenVerificationInput>("application/json")
                .WithRequestBodyLimit(VerifyBodyLimitKey, MaxBodyBytes).ProducesProblem(StatusCodes.Status413PayloadTooLarge), "Population", HubScopes.PopulationRead, officer: true,
            "Xác thực thông tin công dân (XacThucThongTinCongDan) — do the given name and date (or year) of birth match the population database?");
        Describe(api.MapGet("/business/enterprises/{code}", GetEnterpriseAsync), "Business", HubScopes.BusinessRead, officer: false,
            "An enterprise or branch (10-digit code, or code-NNN) of the national business registry.");
        Describe(api.MapGet("/land/parcels", FindParcelAsync), "Land", HubScopes.LandRead, officer: false,
            "A land parcel by ward, map sheet and parcel number (?ward=&mapSheet=&parcel=), or by certificate serial (?certificate=).");
        Describe(api.MapGet("/insurance/participants/{code}", GetParticipantAsync), "Insurance", HubScopes.InsuranceRead, officer: false,
            "A social insurance participant (10-digit BHXH code) and their contribution periods.");
        Describe(api.MapGet("/civil-registry/registrations", FindRegistrationsAsync), "Civil registry", HubScopes.CivilRegistryRead, officer: false,
            "A civil registration by kind, office, book and number (?kind=KS&office=&book=01/2019&number=), or every registration about a person (?personalId=).");
        return app;
    }

    private static Task GetCitizenAsync(string personalId, HttpContext http, LookupGateway gateway, TimeProvider time) =>
        gateway.RunAsync<IPopulationSource, PersonalId>(http, GetCitizenOp,
            errors => (ParsePersonalId(personalId, "personalId", VietnamTime.Today(time), errors), new LookupSubject("personal_id", personalId)),
            async (source, id, context, ct) => await source.GetCitizenAsync(id, context, ct));

    private static async Task VerifyCitizenAsync(HttpContext http, LookupGateway gateway, TimeProvider time)
    {
        var (body, tooLarge) = await ReadBodyAsync(http.Request);
        await gateway.RunAsync<IPopulationSource, CitizenVerificationRequest>(http, VerifyCitizenOp,
            errors =>
            {
                if (tooLarge)
                {
                    errors.Add(GatewayErrors.BodyTooLarge.WithField(string.Empty));
                    return (null, new LookupSubject("personal_id", null));
                }

                return ParseVerification(body, VietnamTime.Today(time), errors);
            },
            async (source, request, context, ct) => await source.VerifyCitizenAsync(request, context, ct),
            body ?? []);
    }

    private static Task GetEnterpriseAsync(string code, HttpContext http, LookupGateway gateway) =>
        gateway.RunAsync<IBusinessRegistrySource, EnterpriseCode>(http, GetEnterpriseOp,
            errors =>
            {
                if (!EnterpriseCode.TryParse(code, out var value, out var error))
                {
                    errors.Add(error.WithField("code"));
                }

                return (value, new LookupSubject("enterprise_code", code));
            },
            async (source, value, context, ct) => await source.GetEnterpriseAsync(value, context, ct));

    private static Task FindParcelAsync(HttpContext http, LookupGateway gateway, string? ward = null, string? mapSheet = null, string? parcel = null, string? certificate = null)
    {
        if (certificate is not null && ward is null && mapSheet is null && parcel is null)
        {
            return gateway.RunAsync<ILandSource, string>(http, FindParcelByCertificateOp,
                errors => (ParseCertificate(certificate, errors), new LookupSubject("land_certificate", certificate)),
                async (source, serial, context, ct) => await source.GetParcelByCertificateAsync(serial, context, ct));
        }

        return gateway.RunAsync<ILandSource, ParcelKey>(http, FindParcelOp,
            errors =>
            {
                if (certificate is not null || (ward is null && mapSheet is null && parcel is null))
                {
                    errors.Add(GatewayErrors.ParcelQueryShape);
                    return (null, new LookupSubject("parcel", null));
                }

                var wardCode = FiveDigits(ward, "ward", GatewayErrors.WardCodeFormat, errors);
                var sheet = Positive(mapSheet, "mapSheet", 99_999, GatewayErrors.MapSheetFormat, errors);
                var number = Positive(parcel, "parcel", 999_999, GatewayErrors.ParcelNoFormat, errors);
                return (wardCode is null ? null : new ParcelKey(wardCode, sheet, number), new LookupSubject("parcel", $"{ward}/{mapSheet}/{parcel}"));
            },
            async (source, key, context, ct) => await source.GetParcelAsync(key, context, ct));
    }

    private static Task GetParticipantAsync(string code, HttpContext http, LookupGateway gateway) =>
        gateway.RunAsync<ISocialInsuranceSource, SocialInsuranceCode>(http, GetParticipantOp,
            errors =>
            {
                if (!SocialInsuranceCode.TryParse(code, out var value, out var error))
                {
                    errors.Add(error.WithField("code"));
                }

                return (value, new LookupSubject("social_insurance_code", code));
            },
            async (source, value, context, ct) => await source.GetParticipantAsync(value, context, ct));

    private static Task FindRegistrationsAsync(HttpContext http, LookupGateway gateway, TimeProvider time,
        string? kind = null, string? office = null, string? book = null, string? number = null, string? personalId = null)
    {
        if (personalId is not null && kind is null && office is null && book is null && number is null)
        {
            return gateway.RunAsync<ICivilRegistrySource, PersonalId>(http, FindRegistrationsOp,
                errors => (ParsePersonalId(personalId, "personalId", VietnamTime.Today(time), errors), new LookupSubject("personal_id", personalId)),
                async (source, id, context, ct) => await source.FindBySubjectAsync(id, context, ct));
        }

        return gateway.RunAsync<ICivilRegistrySource, CivilRegistrationKey>(http, GetRegistrationOp,
            errors =>
            {
                if (personalId is not null || (kind is null && office is null && book is null && number is null))
                {
                    errors.Add(GatewayErrors.RegistrationQueryShape);
                    return (null, new LookupSubject("civil_registration", null));
                }

                var kindCode = kind?.Trim().ToUpperInvariant();
                if (kindCode is not (CivilRegistrationKinds.Birth or CivilRegistrationKinds.Death or CivilRegistrationKinds.Marriage))
                {
                    errors.Add(GatewayErrors.RegistrationKind.WithField("kind"));
                }

                var officeCode = FiveDigits(office, "office", GatewayErrors.OfficeCodeFormat, errors);
                var bookNo = ParseBook(book, errors);
                var registrationNo = Positive(number, "number", 999_999, GatewayErrors.RegistrationNoFormat, errors);
                var key = kindCode is null || officeCode is null || bookNo is null ? null : new CivilRegistrationKey(kindCode, officeCode, bookNo, registrationNo);
                return (key, new LookupSubject("civil_registration", $"{kind}/{office}/{book}/{number}"));
            },
            async (source, key, context, ct) => await source.GetRegistrationAsync(key, context, ct));
    }

    private static PersonalId ParsePersonalId(string? text, string field, DateOnly today, List<FieldError> errors)
    {
        if (!PersonalId.TryParse(text, today, out var id, out var error))
        {
            errors.Add(error.WithField(field));
        }

        return id;
    }

    private static string? ParseCertificate(string text, List<FieldError> errors)
    {
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length == 8 && char.IsAsciiLetterUpper(compact[0]) && char.IsAsciiLetterUpper(compact[1]) && compact[2..].All(char.IsAsciiDigit))
        {
            return $"{compact[..2]} {compact[2..]}";
        }

        errors.Add(GatewayErrors.CertificateFormat.WithField("certificate"));
        return null;
    }

    private static string? ParseBook(string? text, List<FieldError> errors)
    {
        var s = text?.Trim();
        if (s is { Length: 7 } && s[2] == '/' && s[..2].All(char.IsAsciiDigit) && s[3..].All(char.IsAsciiDigit) && s[..2] != "00")
        {
            return s;
        }

        errors.Add(GatewayErrors.BookNoFormat.WithField("book"));
        return null;
    }

    private static string? FiveDigits(string? text, string field, FieldError error, List<FieldError> errors)
    {
        var s = text?.Trim();
        if (s is { Length: 5 } && s.All(char.IsAsciiDigit))
        {
            return s;
        }

        errors.Add(error.WithField(field));
        return null;
    }

    private static int Positive(string? text, string field, int max, FieldError error, List<FieldError> errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors.Add(error.WithField(field));
        return 0;
    }

    private static (CitizenVerificationRequest?, LookupSubject) ParseVerification(byte[]? body, DateOnly today, List<FieldError> errors)
    {
        if (body is null || body.Length == 0)
        {
            errors.Add(GatewayErrors.BodyMissing.WithField(string.Empty));
            return (null, new LookupSubject("personal_id", null));
        }

        CitizenVerificationInput? input;
        try
        {
            input = JsonSerializer.Deserialize(body, GatewayJson.Default.CitizenVerificationInput);
        }
        catch (JsonException)
        {
            errors.Add(GatewayErrors.BodyMalformed.WithField(string.Empty));
            return (null, new LookupSubject("personal_id", null));
        }

        if (input is null)
        {
            errors.Add(GatewayErrors.BodyMalformed.WithField(string.Empty));
            return (null, new LookupSubject("personal_id", null));
        }

        var id = ParsePersonalId(input.PersonalId, "/personalId", today, errors);
        var name = input.FullName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(GatewayErrors.FullNameMissing.WithField("/fullName"));
        }
        else if (name.Length > 100)
        {
            errors.Add(GatewayErrors.FullNameLength.WithField("/fullName"));
        }

        DateOnly? dateOfBirth = null;
        if (input.DateOfBirth is not null)
        {
            if (DateOnly.TryParseExact(input.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date <= today)
            {
                dateOfBirth = date;
            }
            else
            {
                errors.Add(GatewayErrors.DateOfBirthFormat.WithField("/dateOfBirth"));
            }
        }

        if (input.BirthYear is { } year && (year < 1900 || year > today.Year))
        {
            errors.Add(GatewayErrors.BirthYearRange.WithField("/birthYear"));
        }

        if (input.DateOfBirth is not null && input.BirthYear is not null)
        {
            errors.Add(GatewayErrors.BirthFactsConflict.WithField("/birthYear"));
        }

        var request = errors.Count == 0
            ? new CitizenVerificationRequest { PersonalId = id, FullName = name!, DateOfBirth = dateOfBirth, BirthYear = input.BirthYear }
            : null;
        return (request, new LookupSubject("personal_id", input.PersonalId));
    }

    /// <summary>The body, which the endpoint's limit caps while it is read (a larger one fails with 413 before it is buffered).</summary>
    private static async Task<(byte[]? Body, bool TooLarge)> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return (buffer.ToArray(), false);
    }

    private static void Describe(RouteHandlerBuilder endpoint, string tag, string scope, bool officer, string summary)
    {
        endpoint.RequireScope(scope)
            .WithTags("Lookups: " + tag)
            .WithSummary(summary)
            .WithDescription($"""
                Needs a bearer token with `{scope}`, an access right for the calling client (config/access-rights.json) and
                the `{GatewayHeaders.Purpose}` header{(officer ? $" and the `{GatewayHeaders.OfficerId}` header" : string.Empty)}.
                Answers with the canonical packet (schemas/packet/v1): JSON by default, signed by a detached JWS in
                `{GatewayHeaders.Signature}`; XML with an enveloped XML-DSig on `Accept: application/xml`. Verification keys:
                `/.well-known/lgsp/keys`. The answer's header carries `requestHash`, the SHA-256 of this request as sent
                (method, path and query, the `X-Lgsp-*` headers, body; canonical form in the Gateway README).
                Faults are RFC 9457 problem details with `code` and `faultOrigin`.
                """)
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/json", "application/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(Header(GatewayHeaders.Purpose, true, "Why the data is asked for: the procedure code (1.001193)."));
                operation.Parameters.Add(Header(GatewayHeaders.OfficerId, officer, "The officer on whose behalf (MaCanBo)."));
                operation.Parameters.Add(Header(GatewayHeaders.RequestId, false, "Your id for this exchange; the answer's correlation id."));
                if (operation.Responses?.TryGetValue("200", out var answer) == true && answer is OpenApiResponse ok)
                {
                    ok.Description = "The canonical packet (schemas/packet/v1), signed: JSON with a detached JWS in X-Lgsp-Signature, or XML with an enveloped XML-DSig.";
                    ok.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "schemas/packet/v1/packet.schema.json" } },
                        ["application/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "schemas/packet/v1/packet.xsd, signed in place" } },
                    };
                    ok.Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        [GatewayHeaders.Signature] = new OpenApiHeader { Description = "JSON answers: detached JWS (RS256) over the body's bytes; keys at /.well-known/lgsp/keys.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                        [GatewayHeaders.ExchangeId] = new OpenApiHeader { Description = "The hub's exchange id (the packet's messageId).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    };
                }

                return Task.CompletedTask;
            });
    }

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}

/// <summary>The body of <c>POST /api/v1/population/citizens/verify</c>.</summary>
internal sealed record CitizenVerificationInput(string? PersonalId, string? FullName, string? DateOfBirth, int? BirthYear);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CitizenVerificationInput))]
internal sealed partial class GatewayJson : System.Text.Json.Serialization.JsonSerializerContext;
