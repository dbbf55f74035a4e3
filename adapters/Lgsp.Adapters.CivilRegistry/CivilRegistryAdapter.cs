using Lgsp.Adapters.CivilRegistry.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.CivilRegistry;

/// <summary>
/// <see cref="ICivilRegistrySource"/> over the LGSP gateway's <c>/hotich/1.0</c> API (API key in <c>apikey</c>), through
/// the standard pipeline, mapped to <see cref="CivilRegistration"/> and <see cref="CivilRegistrationList"/>.
/// </summary>
internal sealed partial class CivilRegistryAdapter(ICivilRegistryApi api, ILogger<CivilRegistryAdapter> logger) : ICivilRegistrySource
{
    private const string Source = SourceNames.CivilRegistry;

    private static readonly string[] Kinds = [CivilRegistrationKinds.Birth, CivilRegistrationKinds.Death, CivilRegistrationKinds.Marriage];

    public async Task<CivilRegistration> GetRegistrationAsync(CivilRegistrationKey key, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(context);
        Check(key);
        try
        {
            var answer = await api.GetRecordAsync(key.Kind, key.OfficeCode.Trim(), key.BookNo.Trim(), key.RegistrationNo, cancellationToken).ConfigureAwait(false);
            return CivilRegistryMapping.ToRegistration(key with { OfficeCode = key.OfficeCode.Trim(), BookNo = key.BookNo.Trim() }, answer);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw fault;
        }
    }

    public async Task<CivilRegistrationList> FindBySubjectAsync(PersonalId personalId, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var answer = await api.FindByPersonAsync(new PersonQuery(personalId.Value), cancellationToken).ConfigureAwait(false);
            var list = CivilRegistryMapping.ToList(personalId, answer, out var skipped);
            if (skipped > 0)
            {
                OtherKindsLeftOut(logger, context.RequestId, skipped);
            }

            return list;
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw fault;
        }
    }

    /// <summary>A key the registry could not look up is the caller's mistake, refused before calling.</summary>
    private static void Check(CivilRegistrationKey key)
    {
        var errors = new List<FieldError>();
        if (!Kinds.Contains(key.Kind, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("kind", "civil_registration.kind", "Loại hộ tịch phải là KS, KT hoặc KH.", "The kind is KS, KT or KH."));
        }

        if (string.IsNullOrWhiteSpace(key.OfficeCode))
        {
            errors.Add(new FieldError("officeCode", "civil_registration.office_empty", "Mã cơ quan đăng ký không được để trống.", "The registering office is empty."));
        }

        if (string.IsNullOrWhiteSpace(key.BookNo))
        {
            errors.Add(new FieldError("bookNo", "civil_registration.book_empty", "Quyển số không được để trống.", "The book number is empty."));
        }

        if (key.RegistrationNo < 1)
        {
            errors.Add(new FieldError("registrationNo", "civil_registration.number_range", "Số đăng ký là số nguyên dương.", "The registration number is a positive integer."));
        }

        if (errors.Count > 0)
        {
            throw new LgspException(ErrorCatalogue.ValidationFailed, new("Khóa tra cứu hộ tịch không hợp lệ.", "The civil-registry key is invalid."), errors);
        }
    }

    // The exchange id and codes only: no personal id, name or book number in logs.
    [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "Civil registry lookup {RequestId} failed with {Code}")]
    private static partial void LookupFailed(ILogger logger, string requestId, string code);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Civil registry lookup {RequestId} left out {Count} entries of kinds the canonical model does not carry")]
    private static partial void OtherKindsLeftOut(ILogger logger, string requestId, int count);
}
