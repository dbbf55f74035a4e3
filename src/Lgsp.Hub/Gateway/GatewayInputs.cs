using System.Globalization;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The gateway's input parsers, with the foundation's code types: one per key, query, body and the headers. Each
/// returns what it made of its input with every problem it found (one <see cref="FieldError"/> per problem, named by
/// its field: a route or query parameter, a JSON pointer into the body, a header); none throws. The gateway judges
/// them together, so a request lists all its problems at once (<c>Gateway/README.md</c>, step 4).
/// </summary>
internal static class GatewayInputs
{
    /// <summary>A personal id (12 digits, CCCD), in the route, the query or the body (<paramref name="field"/>).</summary>
    public static LookupInput<PersonalId> Person(string? text, string field, DateOnly today)
    {
        var errors = new List<FieldError>();
        var id = ParsePersonalId(text, field, today, errors);
        return LookupInput<PersonalId>.From(id, new LookupSubject("personal_id", text), errors);
    }

    /// <summary>An enterprise or branch code (<c>{code}</c>).</summary>
    public static LookupInput<EnterpriseCode> Enterprise(string code)
    {
        var errors = new List<FieldError>();
        if (!EnterpriseCode.TryParse(code, out var value, out var error))
        {
            errors.Add(error.WithField("code"));
        }

        return LookupInput<EnterpriseCode>.From(value, new LookupSubject("enterprise_code", code), errors);
    }

    /// <summary>A social insurance (BHXH) code (<c>{code}</c>).</summary>
    public static LookupInput<SocialInsuranceCode> Participant(string code)
    {
        var errors = new List<FieldError>();
        if (!SocialInsuranceCode.TryParse(code, out var value, out var error))
        {
            errors.Add(error.WithField("code"));
        }

        return LookupInput<SocialInsuranceCode>.From(value, new LookupSubject("social_insurance_code", code), errors);
    }

    /// <summary>A land-use certificate serial (<c>?certificate=CS 123456</c>): two letters and six digits, spaces ignored.</summary>
    public static LookupInput<string> Certificate(string text)
    {
        var subject = new LookupSubject("land_certificate", text);
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length == 8 && char.IsAsciiLetterUpper(compact[0]) && char.IsAsciiLetterUpper(compact[1]) && compact[2..].All(char.IsAsciiDigit))
        {
            return LookupInput<string>.From($"{compact[..2]} {compact[2..]}", subject, []);
        }

        return LookupInput<string>.Refused(subject, GatewayErrors.CertificateFormat.WithField("certificate"));
    }

    /// <summary>A parcel by ward, map sheet and parcel number (<c>?ward=&amp;mapSheet=&amp;parcel=</c>), never mixed with a certificate.</summary>
    public static LookupInput<ParcelKey> Parcel(string? ward, string? mapSheet, string? parcel, string? certificate)
    {
        if (certificate is not null || (ward is null && mapSheet is null && parcel is null))
        {
            return LookupInput<ParcelKey>.Refused(new LookupSubject("parcel", null), GatewayErrors.ParcelQueryShape);
        }

        var errors = new List<FieldError>();
        var wardCode = FiveDigits(ward, "ward", GatewayErrors.WardCodeFormat, errors);
        var sheet = Positive(mapSheet, "mapSheet", 99_999, GatewayErrors.MapSheetFormat, errors);
        var number = Positive(parcel, "parcel", 999_999, GatewayErrors.ParcelNoFormat, errors);
        return LookupInput<ParcelKey>.From(wardCode is null ? null : new ParcelKey(wardCode, sheet, number), new LookupSubject("parcel", $"{ward}/{mapSheet}/{parcel}"), errors);
    }

    /// <summary>A civil registration by kind, office, book and number (<c>?kind=KS&amp;office=&amp;book=01/2019&amp;number=</c>), never mixed with a personal id.</summary>
    public static LookupInput<CivilRegistrationKey> Registration(string? kind, string? office, string? book, string? number, string? personalId)
    {
        if (personalId is not null || (kind is null && office is null && book is null && number is null))
        {
            return LookupInput<CivilRegistrationKey>.Refused(new LookupSubject("civil_registration", null), GatewayErrors.RegistrationQueryShape);
        }

        var errors = new List<FieldError>();
        var kindCode = kind?.Trim().ToUpperInvariant();
        if (kindCode is not (CivilRegistrationKinds.Birth or CivilRegistrationKinds.Death or CivilRegistrationKinds.Marriage))
        {
            errors.Add(GatewayErrors.RegistrationKind.WithField("kind"));
        }

        var officeCode = FiveDigits(office, "office", GatewayErrors.OfficeCodeFormat, errors);
        var bookNo = ParseBook(book, errors);
        var registrationNo = Positive(number, "number", 999_999, GatewayErrors.RegistrationNoFormat, errors);
        var key = kindCode is null || officeCode is null || bookNo is null ? null : new CivilRegistrationKey(kindCode, officeCode, bookNo, registrationNo);
        return LookupInput<CivilRegistrationKey>.From(key, new LookupSubject("civil_registration", $"{kind}/{office}/{book}/{number}"), errors);
    }

    /// <summary>The body of <c>POST /api/v1/population/citizens/verify</c> (<see cref="CitizenVerificationInput"/>); fields are JSON pointers.</summary>
    public static LookupInput<CitizenVerificationRequest> Verification(byte[]? body, bool tooLarge, DateOnly today)
    {
        var nobody = new LookupSubject("personal_id", null);
        if (tooLarge)
        {
            return LookupInput<CitizenVerificationRequest>.Refused(nobody, GatewayErrors.BodyTooLarge.WithField(string.Empty));
        }

        if (body is null || body.Length == 0)
        {
            return LookupInput<CitizenVerificationRequest>.Refused(nobody, GatewayErrors.BodyMissing.WithField(string.Empty));
        }

        CitizenVerificationInput? input;
        try
        {
            input = JsonSerializer.Deserialize(body, GatewayJson.Default.CitizenVerificationInput);
        }
        catch (JsonException)
        {
            return LookupInput<CitizenVerificationRequest>.Refused(nobody, GatewayErrors.BodyMalformed.WithField(string.Empty));
        }

        if (input is null)
        {
            return LookupInput<CitizenVerificationRequest>.Refused(nobody, GatewayErrors.BodyMalformed.WithField(string.Empty));
        }

        var errors = new List<FieldError>();
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
        return LookupInput<CitizenVerificationRequest>.From(request, new LookupSubject("personal_id", input.PersonalId), errors);
    }

    /// <summary>
    /// The <c>X-Lgsp-*</c> headers: the purpose (required), the officer (required when <paramref name="officerRequired"/>;
    /// kept only once well-formed, so free text from a header never reaches the log) and the client's request id.
    /// </summary>
    public static LookupHeaders Headers(string? purposeText, string? officerText, string? requestIdText, bool officerRequired)
    {
        var errors = new List<FieldError>();
        var purpose = ParsePurpose(purposeText, errors);
        var officer = ParseOfficer(officerText, officerRequired, errors);
        var requestId = ParseRequestId(requestIdText, errors);
        return new LookupHeaders(purpose, officer, requestId, errors);
    }

    private static PersonalId ParsePersonalId(string? text, string field, DateOnly today, List<FieldError> errors)
    {
        if (!Lgsp.Core.Codes.PersonalId.TryParse(text, today, out var id, out var error))
        {
            errors.Add(error.WithField(field));
        }

        return id;
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

    private static ProcedureCode ParsePurpose(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(GatewayErrors.PurposeMissing.WithField(GatewayHeaders.Purpose));
            return default;
        }

        if (!ProcedureCode.TryParse(text, out var purpose, out var error))
        {
            errors.Add(error.WithField(GatewayHeaders.Purpose));
        }

        return purpose;
    }

    private static string? ParseOfficer(string? text, bool required, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(GatewayErrors.OfficerMissing.WithField(GatewayHeaders.OfficerId));
            }

            return null;
        }

        if (text.Length > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or ':'))
        {
            errors.Add(GatewayErrors.OfficerFormat.WithField(GatewayHeaders.OfficerId));
            return null;
        }

        return text;
    }

    private static string? ParseRequestId(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length is 0 or > 128 || !text.All(c => c is > ' ' and <= '~'))
        {
            errors.Add(GatewayErrors.RequestIdFormat.WithField(GatewayHeaders.RequestId));
            return null;
        }

        return text;
    }
}
