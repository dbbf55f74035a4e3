using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// Group commit of single-dossier requests (a dossier, a step list), as the message log does it: each request is
/// queued with its trace; one writer at a time (started by the first request that finds none running, so there is no
/// background service to outlive) takes whatever has queued up (at most <see cref="StatusSyncOptions.GroupCommitMaxRequests"/>,
/// one side at a time, an Idempotency-Key at most once), and writes the group in one transaction:
/// <list type="number">
/// <item>one read of the group's stored keys: a key already stored replays its answer (or is 422) and takes no part;</item>
/// <item>one locking read of all the group's dossiers, aliases drawn for all;</item>
/// <item>each request validated and applied in arrival order against the state the earlier ones left, exactly as one
/// after the other: a refused request gets its own problem and changes nothing, the others go on;</item>
/// <item>one set-based write of everything accepted (dossiers, steps, keys, events, sync states), one commit.</item>
/// </list>
/// Only then are the answers released, so none leaves before its record is durable and a crash loses nothing
/// answered. When the group's transaction fails (a race with another instance, the database refusing), each of its
/// requests runs again alone, in order, and gets the answer or error it would have had alone.
/// </summary>
internal sealed partial class DossierIngestion
{
    public const string MeterName = "Lgsp.StatusSync.Ingestion";

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Meter _meter = meters.Create(MeterName);
    private Counter<long>? _commits;
    private Histogram<int>? _eventsPerCommit;
    private Histogram<int>? _requestsPerCommit;
    private int _writing;
    private long _waiting;
    private long _commitCount;
    private long _committedEvents;

    /// <summary>Requests handed to the group writer and not answered yet.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Ingestion transactions committed by this instance (group and alone).</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Outbox events those commits wrote.</summary>
    public long CommittedEvents => Interlocked.Read(ref _committedEvents);

    private Counter<long> Commits => _commits ??= _meter.CreateCounter<long>("lgsp.sync.ingest.commits", "{commit}", "Ingestion transactions committed (a group commit counts once).");

    private Histogram<int> EventsPerCommit => _eventsPerCommit ??= _meter.CreateHistogram<int>("lgsp.sync.ingest.events_per_commit", "{event}", "Outbox events written by one ingestion commit.");

    private Histogram<int> RequestsPerCommit => _requestsPerCommit ??= _meter.CreateHistogram<int>("lgsp.sync.ingest.requests_per_commit", "{request}", "Requests answered by one ingestion commit (group commit).");

    private void Committed(int requests, int events, string source)
    {
        Interlocked.Increment(ref _commitCount);
        Interlocked.Add(ref _committedEvents, events);
        var side = new KeyValuePair<string, object?>("source", source);
        Commits.Add(1, side);
        EventsPerCommit.Record(events, side);
        RequestsPerCommit.Record(requests, side);
        StatusSyncTelemetry.EventsRecorded.Add(events, side);
    }

    private Task<IngestionResponse> EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, IngestionWork.CurrentTrace(), new TaskCompletionSource<IngestionResponse>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The ingestion queue is unbounded and never completed.");
        }

        StartWriter();

        // The caller may stop waiting; the request is written all the same (as it would be once its transaction began).
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private void StartWriter()
    {
        if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            return;
        }

        // Not in the first request's context: its trace and logging scope are its own.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        while (true)
        {
            while (TakeGroup(group))
            {
                await CommitGroupAsync(group);
            }

            Volatile.Write(ref _writing, 0);

            // A request queued after the last look, while this writer still ran, did not start one: look again.
            if (!_queue.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>The requests queued now, in order, up to the limit; stops before another side or a key seen in the group.</summary>
    private bool TakeGroup(List<Pending> group)
    {
        group.Clear();
        var keys = new HashSet<(string, string)>();
        var max = options.Value.GroupCommitMaxRequests;
        while (group.Count < max && _queue.Reader.TryPeek(out var next))
        {
            if ((group.Count > 0 && !string.Equals(group[0].Request.Source, next.Request.Source, StringComparison.Ordinal)) ||
                (next.Request.Idempotency is { } key && !keys.Add((key.Scope, key.Key))))
            {
                break;
            }

            _queue.Reader.TryRead(out _);
            group.Add(next);
        }

        return group.Count > 0;
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        Outcome?[] outcomes;
        try
        {
            outcomes = await WriteGroupAsync(group);
        }
#pragma warning disable CA1031 // Whatever failed, every request gets the answer it would have had alone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogGroupFailed(logger, group.Count, ex.GetType().Name);
            outcomes = new Outcome[group.Count];
            for (var i = 0; i < group.Count; i++)
            {
                try
                {
                    outcomes[i] = new Outcome(await IngestAloneAsync(group[i].Request, group[i].Trace, CancellationToken.None), null);
                }
#pragma warning disable CA1031 // The request's own error is its answer.
                catch (Exception alone)
#pragma warning restore CA1031
                {
                    outcomes[i] = new Outcome(null, alone);
                }
            }
        }

        for (var i = 0; i < group.Count; i++)
        {
            Interlocked.Decrement(ref _waiting);
            var outcome = outcomes[i]!;
            if (outcome.Error is { } error)
            {
                group[i].Done.TrySetException(error);
            }
            else
            {
                group[i].Done.TrySetResult(outcome.Response!);
            }
        }
    }

    /// <summary>The group's transaction; each request's answer or its own refusal. Throws when the transaction failed.</summary>
    private async Task<Outcome?[]> WriteGroupAsync(List<Pending> group)
    {
        var ct = CancellationToken.None;
        var outcomes = new Outcome?[group.Count];
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (group.Any(p => p.Request.Idempotency is not null))
        {
            await ReplayStoredKeysAsync(db, group, outcomes, ct);
        }

        var live = Enumerable.Range(0, group.Count).Where(i => outcomes[i] is null).ToList();
        if (live.Count == 0)
        {
            return outcomes;
        }

        var source = group[0].Request.Source;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = VietnamTime.Now(time);
        var work = new IngestionWork(source, now, db);
        var commands = live.SelectMany(i => group[i].Request.Commands).ToList();
        await work.LoadAsync(commands, ct);
        if (_aliasPolicy is not null)
        {
            await work.DrawAliasesAsync(commands, _aliasPolicy, ct);
        }

        foreach (var i in live)
        {
            var request = group[i].Request;
            work.TraceContext = group[i].Trace;
            var errors = new ValidationErrors();
            var answer = Run(work, request.Commands[0], errors);
            if (errors.ToException() is { } refused)
            {
                outcomes[i] = new Outcome(null, refused);
                continue;
            }

            var (status, body) = Answer(answer, request.Commands[0]);
            KeepKey(work, request, status, body, now);
            outcomes[i] = new Outcome(new IngestionResponse(status, body, Replayed: false), null);
        }

        await IngestionWriter.WriteAsync(db, work.Plan, ct);
        // The 766 counters move in the same transaction as the changes, as for a request written alone.
        await Lgsp.Hub.Indicators.Storage.Indicator766CounterWriter.ApplyAsync(db, work.Plan, ct);
        await transaction.CommitAsync(ct);
        Committed(live.Count, work.EventCount, source);
        if (work.EventCount > 0)
        {
            signal.Notify();
        }

        return outcomes;
    }

    /// <summary>One read of the group's keys; a stored one answers its request (replayed, or 422 for another body).</summary>
    private static async Task ReplayStoredKeysAsync(Hub.Storage.HubDbContext db, List<Pending> group, Outcome?[] outcomes, CancellationToken ct)
    {
        var scopes = group.Select(p => p.Request.Idempotency?.Scope).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var keys = group.Select(p => p.Request.Idempotency?.Key).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var stored = (await db.IdempotencyRecords.AsNoTracking().Where(r => scopes.Contains(r.Scope) && keys.Contains(r.Key)).ToListAsync(ct))
            .ToDictionary(r => (r.Scope, r.Key));
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].Request.Idempotency is not { } key || !stored.TryGetValue((key.Scope, key.Key), out var record))
            {
                continue;
            }

            try
            {
                outcomes[i] = new Outcome(Replay(record, key), null);
            }
            catch (LgspException reused)
            {
                outcomes[i] = new Outcome(null, reused);
            }
        }
    }

    [LoggerMessage(EventId = 1650, Level = LogLevel.Warning, Message = "A group commit of {Count} ingestion requests failed ({Error}); each runs again alone")]
    private static partial void LogGroupFailed(ILogger logger, int count, string error);

    private sealed record Pending(IngestionRequest Request, (string?, string?) Trace, TaskCompletionSource<IngestionResponse> Done);

    private sealed record Outcome(IngestionResponse? Response, Exception? Error);
}
