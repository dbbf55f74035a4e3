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
}
