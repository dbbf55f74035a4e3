using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Dossiers;

/// <summary>The rules of a dossier's parts: procedure, owner and its identifiers, timeline, components, fees, supplements, results.</summary>
public static partial class DossierRules
{
    private static void Procedure(List<FieldError> errors, string p, DossierProcedure procedure)
    {
        if (procedure.NationalCode.Value.Length == 0)
        {
            errors.Add(CodeErrors.Procedure.Empty.WithField(p + "/nationalCode"));
        }
        else if (procedure.NationalCode.IsLocal)
        {
            errors.Add(Errors.ProcedureNotNational.WithField(p + "/nationalCode"));
        }
        else if (procedure.LocalCode is { } local && local.NationalCode != procedure.NationalCode.NationalCode)
        {
            errors.Add(Errors.ProcedureLocalMismatch.WithField(p + "/localCode"));
        }

        Text(errors, p + "/name", procedure.Name, MaxSummaryLength);
        Text(errors, p + "/fieldCode", procedure.FieldCode, 50);
        Text(errors, p + "/fieldName", procedure.FieldName, MaxNameLength);
    }

    private static void PartyRules(List<FieldError> errors, string p, Party party)
    {
        Enum(errors, p + "/kind", party.Kind, Errors.PartyKindRange);
        RequiredText(errors, p + "/name", party.Name, MaxShortTextLength);
        for (var i = 0; i < party.Identifiers.Count; i++)
        {
            Identifier(errors, Item(p + "/identifiers", i), party.Identifiers[i], party.Kind);
        }

        Text(errors, p + "/phone", party.Phone, 20);
        Text(errors, p + "/email", party.Email, 254);
        if (party.Email is { Length: > 0 } email && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == email.Length - 1)))
        {
            errors.Add(Errors.EmailFormat.WithField(p + "/email"));
        }

        Text(errors, p + "/fax", party.Fax, 20);
        Text(errors, p + "/address", party.Address, MaxSummaryLength);
    }

    private static void Identifier(List<FieldError> errors, string p, PartyIdentifier identifier, PartyKind kind)
    {
        var field = p + "/value";
        FieldError? error = null;
        switch (identifier.Type)
        {
            case PartyIdentifierType.PersonalId:
                PersonalId.TryParse(identifier.Value, out _, out error);
                break;
            // Individuals and household businesses use their 12-digit personal id as tax code (Thông tư 86/2024/TT-BTC Điều 5).
            case PartyIdentifierType.TaxCode when kind is PartyKind.Citizen or PartyKind.HouseholdBusiness && IsTwelveDigits(identifier.Value):
                PersonalId.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.TaxCode or PartyIdentifierType.EnterpriseCode:
                EnterpriseCode.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.SocialInsuranceCode:
                SocialInsuranceCode.TryParse(identifier.Value, out _, out error);
                break;
            case PartyIdentifierType.Passport:
                var value = identifier.Value ?? "";
                error = value.Length is >= 6 and <= 20 && !value.AsSpan().ContainsAnyExcept(PassportChars) ? null : Errors.PassportFormat;
                break;
            case PartyIdentifierType.TechId:
                RequiredText(errors, field, identifier.Value, MaxCodeLength);
                break;
            default:
                errors.Add(Errors.IdentifierTypeRange.WithField(p + "/type"));
                break;
        }

        if (error is not null)
        {
            errors.Add(error.WithField(field));
        }
    }

    private static void Timeline(List<FieldError> errors, string p, Dossier d)
    {
        foreach (var error in DossierTimeline.Validate(d.Status, d.ReceivedAt, d.DueAt, d.ProcessingEndedAt))
        {
            errors.Add(error.WithField(p + "/" + error.Field));
        }

        if (!d.Status.IsDefined())
        {
            return;
        }

        if (d is { SubmittedAt: { } submitted, ReceivedAt: { } received } && submitted > received)
        {
            errors.Add(Errors.SubmittedAfterReceived.WithField(p + "/submittedAt"));
        }

        var returned = d.Status == DossierStatus.ResultReturned;
        if (returned && d.ResultReturnedAt is null)
        {
            errors.Add(Errors.ResultReturnedMissing.WithField(p + "/resultReturnedAt"));
        }
        else if (!returned && d.ResultReturnedAt is not null)
        {
            errors.Add(Errors.ResultReturnedUnexpected.WithField(p + "/resultReturnedAt"));
        }
        else if (d is { ResultReturnedAt: { } handedOver, ProcessingEndedAt: { } ended } && handedOver < ended)
        {
            errors.Add(Errors.ResultReturnedBeforeEnded.WithField(p + "/resultReturnedAt"));
        }

        if (d.RejectedAt is { } rejected)
        {
            if (d.Status != DossierStatus.Refused)
            {
                errors.Add(Errors.RejectedUnexpected.WithField(p + "/rejectedAt"));
            }
            else if (d.SubmittedAt is { } submittedAt && rejected < submittedAt)
            {
                errors.Add(Errors.RejectedBeforeSubmitted.WithField(p + "/rejectedAt"));
            }
        }
    }

    private static void Component(List<FieldError> errors, string p, DossierComponent c)
    {
        Text(errors, p + "/fileId", c.FileId, MaxCodeLength);
        Text(errors, p + "/componentCode", c.ComponentCode, MaxCodeLength);
        RequiredText(errors, p + "/name", c.Name, MaxNameLength);
        if (c.CopyType is { } copy)
        {
            Enum(errors, p + "/copyType", copy, Errors.CopyTypeRange);
        }

        Url(errors, p + "/fileUrl", c.FileUrl);
        Enum(errors, p + "/reuse", c.Reuse, Errors.ReuseRange);
        if (c.Reuse == ComponentReuse.ReusedAsResult && c.ReplacedByResultCode is null)
        {
            errors.Add(Errors.ReplacedByMissing.WithField(p + "/replacedByResultCode"));
        }
        else if (c.Reuse != ComponentReuse.ReusedAsResult && c.ReplacedByResultCode is not null)
        {
            errors.Add(Errors.ReplacedByUnexpected.WithField(p + "/replacedByResultCode"));
        }
    }

    private static void Fee(List<FieldError> errors, string p, DossierFee f)
    {
        Text(errors, p + "/code", f.Code, MaxCodeLength);
        RequiredText(errors, p + "/name", f.Name, MaxNameLength);
        if (f.Kind is { } kind)
        {
            Enum(errors, p + "/kind", kind, Errors.FeeKindRange);
        }

        if (f.CollectAt is { } collect)
        {
            Enum(errors, p + "/collectAt", collect, Errors.FeeCollectionRange);
        }

        if (f.Amount < 0)
        {
            errors.Add(Errors.FeeAmountNegative.WithField(p + "/amount"));
        }
    }

    private static void Supplement(List<FieldError> errors, string p, DossierSupplement s)
    {
        RequiredText(errors, p + "/id", s.Id, MaxCodeLength);
        Text(errors, p + "/requestedBy", s.RequestedBy, MaxShortTextLength);
        RequiredText(errors, p + "/content", s.Content, MaxTextLength);
        Text(errors, p + "/receivedBy", s.ReceivedBy, MaxShortTextLength);
        Text(errors, p + "/receiptInfo", s.ReceiptInfo, MaxTextLength);
        if (s.ReceivedAt is { } received && received < s.RequestedAt)
        {
            errors.Add(Errors.SupplementReceivedBeforeRequested.WithField(p + "/receivedAt"));
        }

        if (s is { PreviousDueAt: { } before, NewDueAt: { } after } && after < before)
        {
            errors.Add(Errors.SupplementNewDueBeforePrevious.WithField(p + "/newDueAt"));
        }

        for (var i = 0; i < s.Documents.Count; i++)
        {
            RequiredText(errors, Item(p + "/documents", i), s.Documents[i], MaxNameLength);
        }

        for (var i = 0; i < s.Fees.Count; i++)
        {
            Fee(errors, Item(p + "/fees", i), s.Fees[i]);
        }
    }

    private static void Result(List<FieldError> errors, string p, ResultDocument r)
    {
        Text(errors, p + "/numberNotation", r.NumberNotation, MaxCodeLength);
        RequiredText(errors, p + "/name", r.Name, MaxNameLength);
        Text(errors, p + "/componentCode", r.ComponentCode, MaxCodeLength);
        Text(errors, p + "/documentId", r.DocumentId, MaxCodeLength);
        Url(errors, p + "/fileUrl", r.FileUrl);
        Text(errors, p + "/issuer", r.Issuer, MaxNameLength);
    }
}
