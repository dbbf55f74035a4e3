using System.Globalization;
using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Storage;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>The two commands a request is made of: a dossier upserted, steps appended.</summary>
internal sealed partial class IngestionWork
{
    public DossierAccepted? Upsert(UpsertDossier command, ValidationErrors errors)
    {
        _rows.TryGetValue(command.Dossier.Code.Value, out var row);
        var dossier = WithAlias(command.Dossier, row);
        var document = DossierJson.Serialize(dossier);
        var hash = DossierJson.Hash(document);
        if (row is not null && !MayOverwrite(source, row.Origin))
        {
            // Checked before the content: a repeat of the stored content would otherwise tell the other side what it holds.
            errors.Add(ErrorCatalogue.DossierOriginConflict, IngestionErrors.OriginConflict.WithField(command.Pointer + "/code"));
            return null;
        }

        if (dossier.CodeAlias is { } alias && _aliasOwners.TryGetValue(alias.Value, out var owner) && !string.Equals(owner, dossier.Code.Value, StringComparison.Ordinal))
        {
            errors.Add(IngestionErrors.AliasTaken.WithField(command.Pointer + "/codeAlias"));
            return null;
        }

        if (row is not null && string.Equals(row.ContentHash, hash, StringComparison.Ordinal))
        {
            return Accepted(row);
        }

        if (DossierRules.CheckStatusChange(row is null ? null : (DossierStatus)row.Status, dossier.Status, command.Pointer, dossier.Note) is { } move)
        {
            errors.AddRules([move]);
            return null;
        }

        if (row is null)
        {
            row = new DossierRecord
            {
                Code = dossier.Code.Value,
                Origin = source,
                AgencyCode = "",
                AgencyPath = "",
                ProcedureCode = "",
                ContentHash = "",
                Document = "",
                InitialStatus = (int)dossier.Status,
                CreatedAt = now,
            };
            _rows[row.Code] = row;
            _new.Add(row.Code);
            Plan.NewDossiers.Add(row);
        }
        else
        {
            Changed(row);
        }

        var eventId = NewEventId();
        if (row.Alias is { } previous && _aliasOwners.TryGetValue(previous, out var was) && string.Equals(was, row.Code, StringComparison.Ordinal))
        {
            _aliasOwners.Remove(previous);
        }

        row.Alias = dossier.CodeAlias?.Value;
        if (row.Alias is { } current)
        {
            _aliasOwners[current] = row.Code;
        }

        row.AgencyCode = dossier.ReceivingAgencyCode.Value;
        row.AgencyPath = dossier.ReceivingAgencyCode.ShortForm;
        row.ProcedureCode = dossier.Procedure.NationalCode.Value;
        row.Status = (int)dossier.Status;
        row.ReceivedAt = dossier.ReceivedAt;
        row.DueAt = dossier.DueAt;
        row.Version++;
        row.ContentHash = hash;
        row.Document = Encoding.UTF8.GetString(document);
        row.VersionEventId = eventId;
        row.UpdatedAt = now;

        AddEvent(eventId, dossier.ReceivingAgencyCode, now, new DossierUpdated { DossierCode = dossier.Code, Version = row.Version, Dossier = dossier }, document);
        return Accepted(row);
    }

    public StepsAccepted? Append(AppendSteps command, ValidationErrors errors)
    {
        if (!_rows.TryGetValue(command.Code.Value, out var row))
        {
            errors.Add(ErrorCatalogue.NotFound, IngestionErrors.DossierNotFound.WithField(command.CodePointer));
            return null;
        }

        // First every check, then the writes: a refused step list changes nothing (a batch goes on after it).
        var previous = row.LastStepSeq is { } seq
            ? new ProcessingStep { Seq = seq, Status = (DossierStatus)row.LastStepStatus!.Value, Actor = "", OccurredAt = row.LastStepAt!.Value }
            : null;
        var before = errors.Count;
        var checkedSteps = new List<(ProcessingStep Step, string Document, string Hash, StepAccepted? Repeat)>(command.Steps.Count);
        for (var i = 0; i < command.Steps.Count; i++)
        {
            var step = command.Steps[i];
            var pointer = command.Pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
            var document = DossierJson.Serialize(step);
            var hash = DossierJson.Hash(document);
            if (_steps.TryGetValue((row.Code, step.Seq), out var stored))
            {
                if (string.Equals(stored.Hash, hash, StringComparison.Ordinal))
                {
                    checkedSteps.Add((step, "", hash, new StepAccepted(step.Seq, stored.Status, stored.EventId, DossierEventKeys.ForStep(command.Code, step.Seq))));
                }
                else
                {
                    errors.Add(ErrorCatalogue.DossierStepConflict, IngestionErrors.StepConflict.WithField(pointer + "/seq"));
                }

                continue;
            }

            errors.AddRules(DossierRules.CheckStepOrder(previous, (DossierStatus)row.InitialStatus, step, pointer));
            previous = step;
            checkedSteps.Add((step, Encoding.UTF8.GetString(document), hash, null));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var accepted = new List<StepAccepted>(command.Steps.Count);
        var agency = AgencyCode.Parse(row.AgencyCode);
        foreach (var (step, document, hash, repeat) in checkedSteps)
        {
            if (repeat is not null)
            {
                accepted.Add(repeat);
                continue;
            }

            var key = DossierEventKeys.ForStep(command.Code, step.Seq);
            var eventId = NewEventId();
            Changed(row);
            Plan.Steps.Add(new DossierStepRecord
            {
                DossierCode = row.Code,
                Seq = step.Seq,
                Status = (int)step.Status,
                OccurredAt = step.OccurredAt,
                ContentHash = hash,
                Document = document,
                EventId = eventId,
                RecordedAt = now,
            });
            _steps[(row.Code, step.Seq)] = (hash, eventId, (int)step.Status);
            row.LastStepSeq = step.Seq;
            row.LastStepStatus = (int)step.Status;
            row.LastStepAt = step.OccurredAt;

            AddEvent(eventId, agency, step.OccurredAt, new DossierStatusChanged
            {
                DossierCode = command.Code,
                DossierCodeAlias = row.Alias is null ? null : DossierCode.Parse(row.Alias),
                ProcedureNationalCode = ProcedureCode.Parse(row.ProcedureCode),
                Seq = step.Seq,
                Status = step.Status,
                Actor = step.Actor,
                ActorTitle = step.ActorTitle,
                Department = step.Department,
                Note = step.Note,
                OccurredAt = step.OccurredAt,
                StepStartAt = step.StepStartAt,
                StepDueAt = step.StepDueAt,
                DueAt = row.DueAt,
            });
            accepted.Add(new StepAccepted(step.Seq, (int)step.Status, eventId, key));
        }

        return new StepsAccepted(command.Code.Value, accepted);
    }
}
