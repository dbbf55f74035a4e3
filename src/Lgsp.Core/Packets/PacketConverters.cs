using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Core.Packets;

/// <summary>
/// A code travels in a packet as its canonical text. Reading refuses anything else rather than normalising it,
/// so a packet that is valid in JSON is valid in XML (whose XSD checks the canonical pattern) and vice versa.
/// </summary>
internal abstract class CanonicalCodeConverter<T> : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new PacketFieldException(PacketErrors.Malformed("", "a code is a JSON string."));
        }

        var text = reader.GetString();
        if (!TryParse(text, out var value, out var error))
        {
            throw new PacketFieldException(error);
        }

        var canonical = Canonical(value);
        return text == canonical ? value : throw new PacketFieldException(PacketErrors.NotCanonical("", canonical));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Canonical(value));
    }

    protected abstract bool TryParse(string? text, out T value, [NotNullWhen(false)] out FieldError? error);

    protected abstract string Canonical(T value);
}

internal sealed class CanonicalAgencyCodeConverter : CanonicalCodeConverter<AgencyCode>
{
    protected override bool TryParse(string? text, out AgencyCode value, [NotNullWhen(false)] out FieldError? error) =>
        AgencyCode.TryParse(text, out value, out error);

    protected override string Canonical(AgencyCode value) => value.Value;
}

/// <summary>A packet's purpose is the national TTHC code; a province's suffixed local code is mapped first.</summary>
internal sealed class NationalProcedureCodeConverter : CanonicalCodeConverter<ProcedureCode>
{
    protected override bool TryParse(string? text, out ProcedureCode value, [NotNullWhen(false)] out FieldError? error) =>
        ProcedureCode.TryParse(text, out value, out error);

    protected override string Canonical(ProcedureCode value) => value.NationalCode;
}

internal sealed class PersonalIdConverter : CanonicalCodeConverter<PersonalId>
{
    protected override bool TryParse(string? text, out PersonalId value, [NotNullWhen(false)] out FieldError? error) =>
        PersonalId.TryParse(text, out value, out error);

    protected override string Canonical(PersonalId value) => value.Value;
}

internal sealed class DossierCodeConverter : CanonicalCodeConverter<DossierCode>
{
    protected override bool TryParse(string? text, out DossierCode value, [NotNullWhen(false)] out FieldError? error) =>
        DossierCode.TryParse(text, out value, out error);

    protected override string Canonical(DossierCode value) => value.Value;
}

internal sealed class EnterpriseCodeConverter : CanonicalCodeConverter<EnterpriseCode>
{
    protected override bool TryParse(string? text, out EnterpriseCode value, [NotNullWhen(false)] out FieldError? error) =>
        EnterpriseCode.TryParse(text, out value, out error);

    protected override string Canonical(EnterpriseCode value) => value.Value;
}

internal sealed class SocialInsuranceCodeConverter : CanonicalCodeConverter<SocialInsuranceCode>
{
    protected override bool TryParse(string? text, out SocialInsuranceCode value, [NotNullWhen(false)] out FieldError? error) =>
        SocialInsuranceCode.TryParse(text, out value, out error);

    protected override string Canonical(SocialInsuranceCode value) => value.Value;
}

internal sealed class ResultCodeConverter : CanonicalCodeConverter<ResultCode>
{
    protected override bool TryParse(string? text, out ResultCode value, [NotNullWhen(false)] out FieldError? error) =>
        ResultCode.TryParse(text, out value, out error);

    protected override string Canonical(ResultCode value) => value.Value;
}

/// <summary>Instants are written in +07:00 whatever offset they were built with, and read only in +07:00.</summary>
internal sealed class VietnamDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new PacketFieldException(PacketErrors.Malformed("", "an instant is an ISO 8601 date-time string."));
        }

        return value.Offset == VietnamTime.Offset && reader.GetString()!.EndsWith("+07:00", StringComparison.Ordinal)
            ? value
            : throw new PacketFieldException(PacketErrors.NotVietnamTime(""));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToVietnam().ToString(Format, CultureInfo.InvariantCulture));
    }
}
