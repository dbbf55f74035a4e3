using System.Diagnostics;
using System.Diagnostics.Metrics;
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
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// Stores validated changes and their outbox events in one transaction.
/// <list type="bullet">
/// <item>Round trips: the idempotency-key lookup, one locking read of the dossiers (<c>FOR UPDATE</c> on
/// PostgreSQL, in code order; SQLite's write transaction is exclusive anyway), a read of stored steps only when a
/// step repeats a stored seq, one set-based write (<see cref="IngestionWriter"/>: a statement per table — dossiers,
/// steps, idempotency records, events, sync states — in one round trip on PostgreSQL), commit. No per-row statement,
/// no change tracking.</item>
/// <item>Single-dossier requests (a dossier, a step list) share commits (<c>DossierIngestion.GroupCommit.cs</c>): the
/// requests waiting at once are applied in arrival order in one transaction, each answered only after that commit. A
/// batch, and a request that writes rows of its own (<see cref="IngestionRequest.AlsoWrite"/>), runs alone.</item>
/// <item>Rules that need history (status moves, step order, repeated or conflicting steps, unknown dossiers) are
/// checked against the locked rows and against earlier changes in the same transaction. A refused dossier or step
/// list writes nothing and does not stop the others of its group; a batch answers item by item
/// (<see cref="RunBatch"/>): a refused item writes nothing, the others are written in the same transaction.</item>
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
    IOptions<StatusSyncOptions> options,
    IMeterFactory meters,
    ILogger<DossierIngestion> logger)
{
    // The last registration wins, as for destinations; none (no DVCQG adapter) means no aliases are drawn.
    private readonly IDossierAliasPolicy? _aliasPolicy = aliasPolicies.LastOrDefault();

    private const int MaxAttempts = 4;

    public async Task<IngestionResponse> IngestAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shape != IngestionShape.Batch && request.AlsoWrite is null && options.Value.GroupCommitMaxRequests > 1)
        {
            return await EnqueueAsync(request, cancellationToken);
        }

        return await IngestAloneAsync(request, IngestionWork.CurrentTrace(), cancellationToken);
    }

    /// <summary>The request in a transaction of its own, run again when it lost a race with another writer.</summary>
    private async Task<IngestionResponse> IngestAloneAsync(IngestionRequest request, (string?, string?) trace, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await TryIngestAsync(request, trace, cancellationToken);
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

    private async Task<IngestionResponse> TryIngestAsync(IngestionRequest request, (string?, string?) trace, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (request.Idempotency is { } key &&
            await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == key.Scope && r.Key == key.Key, ct) is { } stored)
        {
            return Replay(stored, key);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = VietnamTime.Now(time);
        var work = new IngestionWork(request.Source, now, db) { TraceContext = trace };
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
            (status, body) = Answer(answer, request.Commands[0]);
        }

        KeepKey(work, request, status, body, now);
        await IngestionWriter.WriteAsync(db, work.Plan, ct);
        // The 766 counters move in the same transaction as the change (Indicators/README.md).
        await Lgsp.Hub.Indicators.Storage.Indicator766CounterWriter.ApplyAsync(db, work.Plan, ct);
        if (request.AlsoWrite is { } alsoWrite)
        {
            await alsoWrite(db, ct);
        }

        await transaction.CommitAsync(ct);
        Committed(requests: 1, work.EventCount, request.Source);
        return new IngestionResponse(status, body, Replayed: false);
    }

    /// <summary>A single dossier's or step list's answer: 201 for a version 1 or steps, else 200.</summary>
    private static (int Status, byte[] Body) Answer(object? answer, IngestionCommand command) => answer switch
    {
        DossierAccepted dossier => (dossier.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK, StatusSyncJson.Serialize(dossier)),
        StepsAccepted steps => (StatusCodes.Status201Created, StatusSyncJson.Serialize(steps)),
        _ => throw new InvalidOperationException("No answer for " + command.Pointer),
    };

    /// <summary>The request's Idempotency-Key, its request hash and its answer, written with its changes.</summary>
    private static void KeepKey(IngestionWork work, IngestionRequest request, int status, byte[] body, DateTimeOffset now)
    {
        if (request.Idempotency is { } idempotency)
        {
            work.Plan.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = idempotency.Scope,
                Key = idempotency.Key,
                RequestHash = idempotency.RequestHash,
                StatusCode = status,
                Response = Encoding.UTF8.GetString(body),
                CreatedAt = now,
            });
        }
    }

    private static IngestionResponse Replay(IdempotencyRecord stored, IdempotencyRequest key)
    {
        if (!string.Equals(stored.RequestHash, key.RequestHash, StringComparison.Ordinal))
        {
            throw new LgspException(ErrorCatalogue.IdempotencyKeyReused, IngestionErrors.IdempotencyKeyReused.Message, [IngestionErrors.IdempotencyKeyReused]);
        }

        return new IngestionResponse(stored.StatusCode, Encoding.UTF8.GetBytes(stored.Response), Replayed: true);
    }

    private static object? Run(IngestionWork work, IngestionCommand command, ValidationErrors errors) => command switch
    {
        UpsertDossier upsert => work.Upsert(upsert, errors),
        AppendSteps steps => work.Append(steps, errors),
        _ => null,
    };

    /// <summary>
    /// A batch, item by item in order, in the one transaction: each item is applied or answers with its own problem
    /// and writes nothing (<see cref="IngestionWork"/> changes nothing for an item it refuses). Once an item of a dossier has
    /// failed, that dossier's later items are not applied (424 <c>client.batch_item_dependency_failed</c>): its order
    /// holds; other dossiers go on.
    /// </summary>
    private static List<BatchItemAccepted> RunBatch(IngestionWork work, IngestionRequest request)
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
}
