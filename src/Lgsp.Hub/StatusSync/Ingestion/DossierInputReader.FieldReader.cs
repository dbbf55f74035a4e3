using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Hub.StatusSync.Ingestion;

internal static partial class DossierInputReader
{
    /// <summary>Parses the fields of one object under a prefix, remembering which failed.</summary>
    private sealed class FieldReader(string prefix)
    {
        private readonly List<FieldError> _errors = [];

        public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

        /// <summary>Reports the parse errors, then the rule errors not about a field that already failed.</summary>
        public void Finish(ValidationErrors errors, IReadOnlyList<FieldError> ruleErrors)
        {
            foreach (var error in _errors)
            {
                errors.Add(error);
            }

            // A date or status that could not be read makes every finding about the timeline meaningless.
            var timelineBroken = TimelineFields.Any(f => Failed.Contains(prefix + f));
            errors.AddRules(ruleErrors.Where(e =>
                !Failed.Any(f => e.Field == f || e.Field.StartsWith(f + "/", StringComparison.Ordinal)) &&
                !(timelineBroken && TimelineFields.Any(f => e.Field == prefix + f))));
        }

        public DossierCode? DossierCode(string? text, string field, bool required)
        {
            if (text is null && !required)
            {
                return null;
            }

            if (Lgsp.Core.Codes.DossierCode.TryParse(text, out var code, out var error))
            {
                return code;
            }

            return Fail<DossierCode?>(error, field, null);
        }

        public AgencyCode Agency(string? text, string field) =>
            AgencyCode.TryParse(text, out var code, out var error) ? code : Fail(error, field, default(AgencyCode));

        public DossierProcedure Procedure(ProcedureInput? input, string field)
        {
            if (input is null)
            {
                return Fail(DossierRules.Errors.FieldMissing, field, new DossierProcedure { NationalCode = Lgsp.Core.Codes.ProcedureCode.Parse("1.000000") });
            }

            return new DossierProcedure
            {
                NationalCode = ProcedureCode(input.NationalCode, field + "/nationalCode") ?? default,
                LocalCode = input.LocalCode is null ? null : ProcedureCode(input.LocalCode, field + "/localCode"),
                Name = input.Name,
                FieldCode = input.FieldCode,
                FieldName = input.FieldName,
            };
        }

        public Party? Party(PartyInput? input, string field)
        {
            if (input is null)
            {
                return Fail<Party?>(DossierRules.Errors.FieldMissing, field, null);
            }

            return new Party
            {
                Kind = (PartyKind)Required(input.Kind, field + "/kind"),
                Name = input.Name!,
                Identifiers = List(input.Identifiers, field + "/identifiers", Identifier),
                Phone = input.Phone,
                Email = input.Email,
                Fax = input.Fax,
                Address = input.Address,
            };
        }

        public DossierComponent Component(ComponentInput c, string field) => new()
        {
            FileId = c.FileId,
            ComponentCode = c.ComponentCode,
            Name = c.Name!,
            CopyType = (CopyType?)c.CopyType,
            FileUrl = Url(c.FileUrl, field + "/fileUrl"),
            Digitized = c.Digitized ?? false,
            Reuse = (ComponentReuse)(c.Reuse ?? 0),
            FromNationalStore = c.FromNationalStore ?? false,
            ReplacedByResultCode = c.ReplacedByResultCode is null ? null : Result(c.ReplacedByResultCode, field + "/replacedByResultCode"),
            Deleted = c.Deleted ?? false,
        };

        public DossierFee Fee(FeeInput f, string field) => new()
        {
            Code = f.Code,
            Name = f.Name!,
            Kind = (FeeKind?)f.Kind,
            CollectAt = (FeeCollection?)f.CollectAt,
            Amount = Required(f.Amount, field + "/amount"),
            Paid = f.Paid ?? false,
        };

        public DossierSupplement Supplement(SupplementInput s, string field) => new()
        {
            Id = s.Id!,
            RequestedBy = s.RequestedBy,
            Content = s.Content!,
            RequestedAt = RequiredInstant(s.RequestedAt, field + "/requestedAt"),
            ReceivedBy = s.ReceivedBy,
            ReceivedAt = Instant(s.ReceivedAt, field + "/receivedAt"),
            ReceiptInfo = s.ReceiptInfo,
            Completed = s.Completed ?? false,
            PreviousDueAt = Instant(s.PreviousDueAt, field + "/previousDueAt"),
            NewDueAt = Instant(s.NewDueAt, field + "/newDueAt"),
            Documents = [.. (s.Documents ?? []).Select(d => d ?? "")],
            Fees = List(s.Fees, field + "/fees", Fee),
        };

        public ResultDocument Result(ResultInput r, string field) => new()
        {
            ResultCode = r.ResultCode is null ? null : Result(r.ResultCode, field + "/resultCode"),
            NumberNotation = r.NumberNotation,
            Name = r.Name!,
            ComponentCode = r.ComponentCode,
            DocumentId = r.DocumentId,
            FileUrl = Url(r.FileUrl, field + "/fileUrl"),
            SignedAt = Instant(r.SignedAt, field + "/signedAt"),
            Issuer = r.Issuer,
        };

        public IReadOnlyList<TOut> List<TIn, TOut>(IReadOnlyList<TIn?>? items, string field, Func<TIn, string, TOut> read)
            where TIn : class
        {
            if (items is null)
            {
                return [];
            }

            var result = new List<TOut>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var pointer = Item(field, i);
                if (items[i] is { } item)
                {
                    result.Add(read(item, pointer));
                }
                else
                {
                    Fail(DossierRules.Errors.FieldMissing, pointer, 0);
                }
            }

            return result;
        }

        public DossierStatus Status(int? code, string field)
        {
            // A missing status is reported as DVCQG's own "status.missing".
            var ok = code is { } c
                ? DossierStatuses.TryParse(c, out var status, out var error)
                : DossierStatuses.TryParse((string?)null, out status, out error);
            return ok ? status : Fail(error!, field, (DossierStatus)0);
        }

        public T Required<T>(T? value, string field)
            where T : struct =>
            value ?? Fail(DossierRules.Errors.FieldMissing, field, default(T));

        public DateTimeOffset RequiredInstant(string? text, string field) =>
            text is null ? Fail(DossierRules.Errors.FieldMissing, field, default(DateTimeOffset)) : Instant(text, field) ?? default;

        public DateTimeOffset? Instant(string? text, string field)
        {
            if (text is null)
            {
                return null;
            }

            if (InstantPattern().IsMatch(text) &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                return value.ToVietnam();
            }

            return Fail<DateTimeOffset?>(DossierRules.Errors.InstantFormat, field, null);
        }

        private PartyIdentifier Identifier(IdentifierInput i, string field)
        {
            var type = i.Type switch
            {
                "personalId" => PartyIdentifierType.PersonalId,
                "passport" => PartyIdentifierType.Passport,
                "taxCode" => PartyIdentifierType.TaxCode,
                "enterpriseCode" => PartyIdentifierType.EnterpriseCode,
                "socialInsuranceCode" => PartyIdentifierType.SocialInsuranceCode,
                "techId" => PartyIdentifierType.TechId,
                null => Fail(DossierRules.Errors.FieldMissing, field + "/type", (PartyIdentifierType)(-1)),
                // The rules report an unknown type with the list of known ones.
                _ => (PartyIdentifierType)(-1),
            };
            return new PartyIdentifier { Type = type, Value = Canonical(type, i.Value) };
        }

        /// <summary>The canonical text of a well-formed code (an enterprise branch written as 13 digits gets its hyphen); anything else as sent, for the rules to judge.</summary>
        private static string Canonical(PartyIdentifierType type, string? value) => type switch
        {
            PartyIdentifierType.PersonalId when PersonalId.TryParse(value, out var id) => id.Value,
            PartyIdentifierType.TaxCode or PartyIdentifierType.EnterpriseCode when EnterpriseCode.TryParse(value, out var code) => code.Value,
            PartyIdentifierType.SocialInsuranceCode when SocialInsuranceCode.TryParse(value, out var bhxh) => bhxh.Value,
            _ => value ?? "",
        };

        private ProcedureCode? ProcedureCode(string? text, string field) =>
            Lgsp.Core.Codes.ProcedureCode.TryParse(text, out var code, out var error) ? code : Fail<ProcedureCode?>(error, field, null);

        private ResultCode? Result(string text, string field) =>
            ResultCode.TryParse(text, out var code, out var error) ? code : Fail<ResultCode?>(error, field, null);

        private Uri? Url(string? text, string field)
        {
            if (text is null)
            {
                return null;
            }

            // Relative or odd links parse here and are refused by the rules with the url.format reason.
            return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : Fail<Uri?>(DossierRules.Errors.UrlFormat, field, null);
        }

        private T Fail<T>(FieldError error, string field, T placeholder)
        {
            var pointer = prefix + field;
            Failed.Add(pointer);
            _errors.Add(error.WithField(pointer));
            return placeholder;
        }
    }
}
