using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Time;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// Stores validated changes and their outbox events in one transaction per request.
/// <list type="bullet">
/// <item>Round trips: the idempotency-key lookup, one locking read of the request's dossiers (<c>FOR UPDATE</c> on
/// PostgreSQL, in code order; SQLite's write transaction is exclusive anyway), a read of stored steps only when a
/// step repeats a stored seq, one set-based write (<see cref="IngestionWriter"/>: a statement per table — dossiers,
/// steps, idempotency record, events, sync states — in one round trip on PostgreSQL), commit. No per-row statement.</item>
/// <item>Rules that need history (status moves, step order, repeated or conflicting steps, unknown dossiers) are
/// checked against the locked rows and against earlier changes in the same request. A single dossier or step list
/// with an error writes nothing; a batch answers item by item (<see cref="RunBatch"/>): a refused item writes nothing,
/// the others are written in the same transaction.</item>
/// <item>Repeats change nothing and get the first answer: a dossier whose content hash equals the stored one, a step
/// whose (dossier, seq) is stored with the same content, a request whose Idempotency-Key was seen with the same
/// body (its stored answer is replayed byte for byte).</item>
/// <item>A concurrent writer that wins a race (same new dossier, same key) makes the loser's transaction fail on a
/// unique index; the loser runs again and then sees the winner's rows.</item>
/// </list>
/// </summary>
internal sealed partial class DossierIngestion(
    IDbContextFactory<HubDbContext> contexts,
    TimeProvider time,
    OutboxSignal signal,
    IEnumerable<IDossierAliasPolicy> aliasPolicies,
    ILogger<DossierIngestion> logger)
{
    // The last registration wins, as for destinations; none (no DVCQG adapter) means no aliases are drawn.
    private readonly IDossierAliasPolicy? _aliasPolicy = aliasPolicies.LastOrDefault();

    private const int MaxAttempts = 4;

    public async Task<IngestionResponse> IngestAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await TryIngestAsync(request, cancellationToken);
                if (!response.Replayed)
                {
                    signal.Notify();
                }

                return response;
            }
            catch (Exception ex) when (attempt < MaxAttempts && DbErrors.IsRetryable(ex))
            {
                LogRetry(logger, attempt, ex.GetType().Name);
            }
        }
    }

    private async Task<IngestionResponse> TryIngestAsync(IngestionRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (request.Idempotency is { } key &&
            await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == key.Scope && r.Key == key.Key, ct) is { } stored)
        {
            return Replay(stored, key);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = VietnamTime.Now(time);
        var work = new Work(request.Source, now, db);
        await work.LoadAsync(request.Commands, ct);
        if (_aliasPolicy is not null)
        {
            await work.DrawAliasesAsync(request.Commands, _aliasPolicy, ct);
        }

        int status;
        byte[] body;
        if (request.Shape == IngestionShape.Batch)
        {
            (status, body) = (StatusCodes.Status200OK, StatusSyncJson.Serialize(new BatchAccepted(RunBatch(work, request))));
        }
        else
        {
            var errors = new ValidationErrors();
            var answer = Run(work, request.Commands[0], errors);
            errors.ThrowIfAny();
            (status, body) = answer switch
            {
                DossierAccepted dossier => (dossier.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK, StatusSyncJson.Serialize(dossier)),
                StepsAccepted steps => (StatusCodes.Status201Created, StatusSyncJson.Serialize(steps)),
                _ => throw new InvalidOperationException("No answer for " + request.Commands[0].Pointer),
            };
        }

        if (request.Idempotency is { } idempotency)
        {
            work.Plan.Idempotency = new IdempotencyRecord
            {
                Scope = idempotency.Scope,
                Key = idempotency.Key,
                RequestHash = idempotency.RequestHash,
                StatusCode = status,
                Response = Encoding.UTF8.GetString(body),
                CreatedAt = now,
            };
        }

        await IngestionWriter.WriteAsync(db, work.Plan, ct);
        if (request.AlsoWrite is { } alsoWrite)
        {
            await alsoWrite(db, ct);
        }

        await transaction.CommitAsync(ct);
        StatusSyncTelemetry.EventsRecorded.Add(work.EventCount, new KeyValuePair<string, object?>("source", request.Source));
        return new IngestionResponse(status, body, Replayed: false);
    }

    private static IngestionResponse Replay(IdempotencyRecord stored, IdempotencyRequest key)
    {
        if (!string.Equals(stored.RequestHash, key.RequestHash, StringComparison.Ordinal))
        {
            throw new LgspException(ErrorCatalogue.IdempotencyKeyReused, IngestionErrors.IdempotencyKeyReused.Message, [IngestionErrors.IdempotencyKeyReused]);
        }

        return new IngestionResponse(stored.StatusCode, Encoding.UTF8.GetBytes(stored.Response), Replayed: true);
    }

    private static object? Run(Work work, IngestionCommand command, ValidationErrors errors) => command switch
    {
        UpsertDossier upsert => work.Upsert(upsert, errors),
        AppendSteps steps => work.Append(steps, errors),
        _ => null,
    };

    /// <summary>
    /// A batch, item by item in order, in the one transaction: each item is applied or answers with its own problem
    /// and writes nothing (<see cref="Work"/> changes nothing for an item it refuses). Once an item of a dossier has
    /// failed, that dossier's later items are not applied (424 <c>client.batch_item_dependency_failed</c>): its order
    /// holds; other dossiers go on.
    /// </summary>
    private static List<BatchItemAccepted> RunBatch(Work work, IngestionRequest request)
    {
        var commands = request.Commands.ToDictionary(c => c.Index);
        var failedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<BatchItemAccepted>(request.ItemCount);
        for (var i = 0; i < request.ItemCount; i++)
        {
            if (request.ReadFailures.TryGetValue(i, out var unread))
            {
                if (unread.DossierCode is { } unreadCode)
                {
                    failedAt.TryAdd(unreadCode, i);
                }

                items.Add(Failed(i, unread.Error, request.English));
                continue;
            }

            var command = commands[i];
            if (failedAt.TryGetValue(command.Code.Value, out var earlier))
            {
                var dependency = IngestionErrors.DependsOnFailedItem(command.CodeField, earlier);
                items.Add(Failed(i, new LgspException(ErrorCatalogue.BatchItemDependencyFailed, dependency.Message, [dependency]), request.English));
                continue;
            }

            var errors = new ValidationErrors();
            var answer = Run(work, command, errors);
            if (errors.ToException() is { } error)
            {
                failedAt.TryAdd(command.Code.Value, i);
                items.Add(Failed(i, error, request.English));
                continue;
            }

            items.Add(answer switch
            {
                DossierAccepted d => new BatchItemAccepted(i, d.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK, d, null),
                StepsAccepted steps => new BatchItemAccepted(i, StatusCodes.Status201Created, null, steps),
                _ => throw new InvalidOperationException("No answer for " + command.Pointer),
            });
        }

        return items;
    }

    private static BatchItemAccepted Failed(int index, LgspException error, bool english) =>
        new(index, error.Error.HttpStatus, null, null, BatchItemProblem.From(error, english));

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Ingestion attempt {Attempt} lost a race with another writer ({Error}); running it again")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);

    /// <summary>The request's dossiers as locked and as changed so far, and the events to write.</summary>
    private sealed class Work(string source, DateTimeOffset now, HubDbContext db)
    {
        private readonly Dictionary<string, DossierRecord> _rows = new(StringComparer.Ordinal);
        private readonly HashSet<string> _new = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Code, int Seq), (string Hash, Guid EventId, int Status)> _steps = [];
        private readonly Dictionary<string, DossierCode> _drawnAliases = new(StringComparer.Ordinal);

        // Alias → the code of the dossier it names (stored, or earlier in this request): an alias names one dossier.
        private readonly Dictionary<string, string> _aliasOwners = new(StringComparer.Ordinal);
        private readonly string _destination = SyncSides.OtherSide(source);
        private readonly (string? Parent, string? State) _trace = Trace();

        public WritePlan Plan { get; } = new() { Now = now };

        public int EventCount => Plan.Events.Count;

        public async Task LoadAsync(IReadOnlyList<IngestionCommand> commands, CancellationToken ct)
        {
            var codes = commands.Select(c => c.Code.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var rows = db.Database.IsNpgsql()
                ? await db.Dossiers.FromSql($"SELECT * FROM dossiers WHERE code = ANY({codes}) ORDER BY code FOR UPDATE").AsNoTracking().ToListAsync(ct)
                : await db.Dossiers.AsNoTracking().Where(d => codes.Contains(d.Code)).ToListAsync(ct);
            foreach (var row in rows)
            {
                _rows[row.Code] = row;
            }

            var sentAliases = commands.OfType<UpsertDossier>().Select(c => c.Dossier.CodeAlias?.Value).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            if (sentAliases.Length > 0)
            {
                await LoadAliasOwnersAsync(sentAliases, ct);
            }

            // Stored steps matter only when a step repeats a seq at or below the last one stored.
            var repeats = commands.OfType<AppendSteps>()
                .Where(c => _rows.TryGetValue(c.Code.Value, out var r) && r.LastStepSeq is { } last && c.Steps.Any(s => s.Seq <= last))
                .ToList();
            if (repeats.Count == 0)
            {
                return;
            }

            var stepCodes = repeats.Select(c => c.Code.Value).Distinct(StringComparer.Ordinal).ToArray();
            var seqs = repeats.SelectMany(c => c.Steps.Select(s => s.Seq)).Distinct().ToArray();
            var stored = await db.DossierSteps.AsNoTracking()
                .Where(s => stepCodes.Contains(s.DossierCode) && seqs.Contains(s.Seq))
                .Select(s => new { s.DossierCode, s.Seq, s.ContentHash, s.EventId, s.Status })
                .ToListAsync(ct);
            foreach (var s in stored)
            {
                _steps[(s.DossierCode, s.Seq)] = (s.ContentHash, s.EventId, s.Status);
            }
        }

        /// <summary>
        /// Draws a MaHoSoKhac for every dossier of the province's that the policy says needs one and that has none, sent or
        /// stored: once, at its first storing (or the first update after aliases began), for the unit and day the alias
        /// names — the receipt day in Vietnam (TD-DVC's <c>NgayTiepNhan</c>), else the code's day.
        /// </summary>
        public async Task DrawAliasesAsync(IReadOnlyList<IngestionCommand> commands, IDossierAliasPolicy policy, CancellationToken ct)
        {
            if (source != SyncSides.Provincial)
            {
                return;
            }

            var needed = commands.OfType<UpsertDossier>()
                .Select(c => c.Dossier)
                .Where(d => d.CodeAlias is null && !(_rows.TryGetValue(d.Code.Value, out var row) && row.Alias is not null))
                .DistinctBy(d => d.Code.Value, StringComparer.Ordinal)
                .Select(d => (d.Code, Unit: policy.AliasUnitFor(d.Code, d.ReceivingAgencyCode),
                    Day: d.ReceivedAt is { } received ? DateOnly.FromDateTime(received.ToVietnam().DateTime) : d.Code.Date))
                .Where(n => n.Unit is not null)
                .ToList();

            // In (unit, day) order, so two requests lock the counter rows in the same order.
            foreach (var group in needed.GroupBy(n => (Unit: n.Unit!.Value.Value, n.Day)).OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Day))
            {
                var unit = group.First().Unit!.Value;
                var waiting = new Queue<DossierCode>(group.Select(n => n.Code));
                while (waiting.Count > 0)
                {
                    // A number some sender already used as its own alias is skipped (drawn past), never shared.
                    var aliases = await DossierAliases.DrawAsync(db, unit, group.Key.Day, waiting.Count, ct);
                    await LoadAliasOwnersAsync([.. aliases.Select(a => a.Value)], ct);
                    foreach (var alias in aliases.Where(a => !_aliasOwners.ContainsKey(a.Value)))
                    {
                        _drawnAliases[waiting.Dequeue().Value] = alias;
                    }
                }
            }
        }

        private async Task LoadAliasOwnersAsync(string[] aliases, CancellationToken ct)
        {
            var owners = await db.Dossiers.AsNoTracking().Where(d => d.Alias != null && aliases.Contains(d.Alias))
                .Select(d => new { d.Code, d.Alias }).ToListAsync(ct);
            foreach (var owner in owners)
            {
                _aliasOwners[owner.Alias!] = owner.Code;
            }
        }

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

        /// <summary>
        /// The dossier as stored: a dossier sent without an alias keeps the one stored or drawn for it, so a repeat hashes
        /// alike and every event names the same DVCQG dossier.
        /// </summary>
        private Dossier WithAlias(Dossier dossier, DossierRecord? row)
        {
            if (dossier.CodeAlias is not null)
            {
                return dossier;
            }

            if (row?.Alias is { } stored && DossierCode.TryParse(stored, out var storedAlias))
            {
                return dossier with { CodeAlias = storedAlias };
            }

            return _drawnAliases.TryGetValue(dossier.Code.Value, out var drawn) ? dossier with { CodeAlias = drawn } : dossier;
        }

        /// <summary>
        /// Who may update a stored dossier: the side it came from, and the provincial one-stop system for every dossier,
        /// since it processes the ones submitted on DVCQG too (their status and results come from the province). The
        /// national portal never overwrites a dossier the province received.
        /// </summary>
        private static bool MayOverwrite(string source, string origin) =>
            string.Equals(source, origin, StringComparison.Ordinal) || string.Equals(source, SyncSides.Provincial, StringComparison.Ordinal);

        /// <summary>An existing dossier's row is written once, with everything the request did to it.</summary>
        private void Changed(DossierRecord row)
        {
            if (!_new.Contains(row.Code) && _changed.Add(row.Code))
            {
                Plan.ChangedDossiers.Add(row);
            }
        }

        private static DossierAccepted Accepted(DossierRecord row) =>
            new(row.Code, row.Version, row.Status, row.VersionEventId, DossierEventKeys.ForVersion(DossierCode.Parse(row.Code), row.Version));

        private void AddEvent(Guid eventId, AgencyCode agency, DateTimeOffset occurredAt, DossierEventPayload payload, byte[]? canonicalDossier = null)
        {
            var dossierEvent = new DossierEvent
            {
                MessageId = eventId,
                Source = source,
                Destination = _destination,
                AgencyCode = agency,
                OccurredAt = occurredAt,
                RecordedAt = now,
                Payload = payload,
                TraceParent = _trace.Parent,
                TraceState = _trace.State,
            };
            var record = new DossierEventRecord
            {
                EventId = eventId,
                DossierCode = payload.DossierCode.Value,
                Destination = _destination,
                Type = dossierEvent.Type,
                IdempotencyKey = dossierEvent.IdempotencyKey,
                Body = Encoding.UTF8.GetString(DossierEventJson.Serialize(dossierEvent, canonicalDossier)),
                TraceParent = _trace.Parent,
                TraceState = _trace.State,
                RecordedAt = now,
            };
            Plan.Events.Add(record);
        }

        // Version 7: time-ordered, so the unique index on event ids grows at its end.
        private Guid NewEventId() => Guid.CreateVersion7(now);

        private static (string?, string?) Trace() =>
            Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? (activity.Id, activity.TraceStateString) : (null, null);
    }
}
