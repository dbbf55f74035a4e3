using System.Globalization;
using System.Text.RegularExpressions;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Core.Time;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// Turns request bodies into canonical dossiers and steps, collecting every error. Each field is parsed on its own
/// (codes with <c>Lgsp.Core.Codes</c>, statuses with <see cref="DossierStatuses"/>, instants as ISO 8601 with an
/// offset); a field that cannot be parsed gets a placeholder and is remembered, then the domain rules
/// (<see cref="DossierRules"/>) run on the whole and their findings about fields already reported are dropped, so the
/// answer names each offending field once and precisely.
/// </summary>
internal static partial class DossierInputReader
{
    private static readonly string[] TimelineFields =
        ["/status", "/submittedAt", "/receivedAt", "/dueAt", "/processingEndedAt", "/resultReturnedAt", "/rejectedAt"];

    /// <summary>The dossier (with placeholders where fields failed: use it only when no error was added).</summary>
    public static Dossier? ReadDossier(DossierInput? input, string prefix, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add(DossierRules.Errors.FieldMissing.WithField(prefix));
            return null;
        }

        var r = new FieldReader(prefix);
        var dossier = new Dossier
        {
            Code = r.DossierCode(input.Code, "/code", required: true) ?? default,
            CodeAlias = r.DossierCode(input.CodeAlias, "/codeAlias", required: false),
            ReceiptNo = input.ReceiptNo,
            Procedure = r.Procedure(input.Procedure, "/procedure"),
            ReceivingAgencyCode = r.Agency(input.ReceivingAgencyCode, "/receivingAgencyCode"),
            ProcessingAgencyName = input.ProcessingAgencyName,
            Channel = (DossierChannel)r.Required(input.Channel, "/channel"),
            SubmittedVia = input.SubmittedVia,
            Owner = r.Party(input.Owner, "/owner") ?? Placeholders.Party,
            Submitter = input.Submitter is null ? null : r.Party(input.Submitter, "/submitter"),
            Summary = input.Summary ?? "",
            SubmittedAt = r.Instant(input.SubmittedAt, "/submittedAt"),
            ReceivedAt = r.Instant(input.ReceivedAt, "/receivedAt"),
            DueAt = r.Instant(input.DueAt, "/dueAt"),
            ProcessingEndedAt = r.Instant(input.ProcessingEndedAt, "/processingEndedAt"),
            ResultReturnedAt = r.Instant(input.ResultReturnedAt, "/resultReturnedAt"),
            RejectedAt = r.Instant(input.RejectedAt, "/rejectedAt"),
            Status = r.Status(input.Status, "/status"),
            ReturnMethod = (ReturnMethod?)input.ReturnMethod,
            ReturnInfo = input.ReturnInfo,
            Note = input.Note,
            HasDigitizedComponents = input.HasDigitizedComponents ?? false,
            OwnerVneidVerified = input.OwnerVneidVerified ?? false,
            PaidOnline = (OnlinePayment)(input.PaidOnline ?? 0),
            ConnectedDatabases = [.. (input.ConnectedDatabases ?? []).Select(d => d ?? "")],
            Components = r.List(input.Components, "/components", r.Component),
            Fees = r.List(input.Fees, "/fees", r.Fee),
            Supplements = r.List(input.Supplements, "/supplements", r.Supplement),
            Results = r.List(input.Results, "/results", r.Result),
        };

        r.Finish(errors, DossierRules.Validate(dossier, prefix));
        return dossier;
    }

    /// <summary>Reads a list of steps for one dossier; <paramref name="prefix"/> points at the list (<c>/steps</c>).</summary>
    public static IReadOnlyList<ProcessingStep> ReadSteps(IReadOnlyList<StepInput?>? input, string prefix, int maxSteps, ValidationErrors errors)
    {
        if (input is null || input.Count == 0)
        {
            errors.Add(IngestionErrors.StepsEmpty.WithField(prefix));
            return [];
        }

        if (input.Count > maxSteps)
        {
            errors.Add(IngestionErrors.StepsTooMany(prefix, maxSteps));
            return [];
        }

        var steps = new List<ProcessingStep>(input.Count);
        var seen = new HashSet<int>();
        for (var i = 0; i < input.Count; i++)
        {
            var pointer = Item(prefix, i);
            if (input[i] is not { } s)
            {
                errors.Add(DossierRules.Errors.FieldMissing.WithField(pointer));
                continue;
            }

            var r = new FieldReader(pointer);
            var step = new ProcessingStep
            {
                Seq = r.Required(s.Seq, "/seq"),
                Status = r.Status(s.Status, "/status"),
                Actor = s.Actor ?? "",
                ActorTitle = s.ActorTitle,
                Department = s.Department,
                Note = s.Note,
                OccurredAt = r.RequiredInstant(s.OccurredAt, "/occurredAt"),
                StepStartAt = r.Instant(s.StepStartAt, "/stepStartAt"),
                StepDueAt = r.Instant(s.StepDueAt, "/stepDueAt"),
            };
            r.Finish(errors, DossierRules.ValidateStep(step, pointer));
            if (s.Seq is { } seq && !seen.Add(seq))
            {
                errors.Add(IngestionErrors.SeqDuplicateInRequest.WithField(pointer + "/seq"));
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <summary>A dossier code from the route or a body field, reported under its own catalogue entry.</summary>
    public static DossierCode? ReadCode(string? text, string field, ValidationErrors errors)
    {
        if (DossierCode.TryParse(text, out var code, out var error))
        {
            return code;
        }

        errors.Add(ErrorCatalogue.InvalidDossierCode, error.WithField(field));
        return null;
    }

    private static string Item(string list, int index) => list + "/" + index.ToString(CultureInfo.InvariantCulture);

    // ISO 8601 with an explicit offset: a time without one would silently take the server's zone.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();

    private static class Placeholders
    {
        public static readonly Party Party = new() { Kind = PartyKind.Citizen, Name = "-" };
    }

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
