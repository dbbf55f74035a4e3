using System.Data.Common;
using System.Globalization;
using System.Text;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Lgsp.Hub.StatusSync.Storage;

/// <summary>What one ingestion request writes, in the order it must be written.</summary>
internal sealed class WritePlan
{
    public List<DossierRecord> NewDossiers { get; } = [];

    public List<DossierRecord> ChangedDossiers { get; } = [];

    public List<DossierStepRecord> Steps { get; } = [];

    /// <summary>In the order they happened: their ids (one dossier's order) are drawn in this order.</summary>
    public List<DossierEventRecord> Events { get; } = [];

    /// <summary>The Idempotency-Key records of the requests written (one per keyed request; a group commit carries several).</summary>
    public List<IdempotencyRecord> IdempotencyRecords { get; } = [];

    /// <summary>When the request is stored (a new sync state's first attempt time).</summary>
    public DateTimeOffset Now { get; init; }
}

/// <summary>
/// Writes a <see cref="WritePlan"/> inside the caller's transaction with one statement per table: on PostgreSQL an
/// <c>INSERT … SELECT FROM unnest(arrays)</c> (or <c>UPDATE … FROM unnest</c>), all in one batch (one round trip),
/// on SQLite multi-row <c>VALUES</c>. Last, each (dossier, destination) that got events is marked as having a newer one:
/// a pair parked behind a dead letter stays <c>failed</c> (later events wait), anything else becomes <c>pending</c>.
/// EF Core's <c>SaveChanges</c> would send one statement per row (about a millisecond each on PostgreSQL), which
/// a 10,000-events-per-second ingestion cannot afford. Values are stored exactly as EF Core maps them (instants as
/// UTC; on SQLite Guids as upper-case text and instants as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), so the model reads
/// them back. Event ids come back in insertion order and are set on the records.
/// </summary>
internal static class IngestionWriter
{
    private const int SqliteMaxParameters = 30_000;

    private const string SyncStateConflict =
        " ON CONFLICT (dossier_code, destination) DO UPDATE SET last_event_id = excluded.last_event_id," +
        " state = CASE WHEN dossier_sync_states.state = 2 THEN 2 ELSE 0 END";

    public static async Task WriteAsync(HubDbContext db, WritePlan plan, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ingestion writes run inside the request's transaction.");
        if (connection is NpgsqlConnection pg)
        {
            await WritePostgresAsync(pg, (NpgsqlTransaction)transaction, plan, ct);
        }
        else
        {
            await WriteSqliteAsync(connection, transaction, plan, ct);
        }
    }

    // ---- PostgreSQL: one statement per table over arrays ----

    private static async Task WritePostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WritePlan plan, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (plan.NewDossiers.Count > 0)
        {
            var d = plan.NewDossiers;
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO dossiers (code, alias, origin, agency_code, agency_path, procedure_code, status, initial_status,
                  received_at, due_at, version, content_hash, document, version_event_id, last_step_seq, last_step_status,
                  last_step_at, created_at, updated_at)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
                """,
                Texts(d, r => r.Code), Texts(d, r => r.Alias), Texts(d, r => r.Origin), Texts(d, r => r.AgencyCode),
                Texts(d, r => r.AgencyPath), Texts(d, r => r.ProcedureCode), Ints(d, r => r.Status), Ints(d, r => r.InitialStatus),
                Instants(d, r => r.ReceivedAt), Instants(d, r => r.DueAt), Ints(d, r => r.Version), Texts(d, r => r.ContentHash),
                Texts(d, r => r.Document), Uuids(d, r => r.VersionEventId), Ints(d, r => r.LastStepSeq), Ints(d, r => r.LastStepStatus),
                Instants(d, r => r.LastStepAt), Instants(d, r => r.CreatedAt), Instants(d, r => r.UpdatedAt)));
        }

        if (plan.ChangedDossiers.Count > 0)
        {
            var d = plan.ChangedDossiers;
            batch.BatchCommands.Add(Command(
                """
                UPDATE dossiers SET alias = v.alias, agency_code = v.agency_code, agency_path = v.agency_path,
                  procedure_code = v.procedure_code, status = v.status, received_at = v.received_at, due_at = v.due_at,
                  version = v.version, content_hash = v.content_hash, document = v.document, version_event_id = v.version_event_id,
                  last_step_seq = v.last_step_seq, last_step_status = v.last_step_status, last_step_at = v.last_step_at,
                  updated_at = v.updated_at
                FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                  AS v(code, alias, agency_code, agency_path, procedure_code, status, received_at, due_at, version, content_hash,
                       document, version_event_id, last_step_seq, last_step_status, last_step_at, updated_at)
                WHERE dossiers.code = v.code
                """,
                Texts(d, r => r.Code), Texts(d, r => r.Alias), Texts(d, r => r.AgencyCode), Texts(d, r => r.AgencyPath),
                Texts(d, r => r.ProcedureCode), Ints(d, r => r.Status), Instants(d, r => r.ReceivedAt), Instants(d, r => r.DueAt),
                Ints(d, r => r.Version), Texts(d, r => r.ContentHash), Texts(d, r => r.Document), Uuids(d, r => r.VersionEventId),
                Ints(d, r => r.LastStepSeq), Ints(d, r => r.LastStepStatus), Instants(d, r => r.LastStepAt), Instants(d, r => r.UpdatedAt)));
        }

        if (plan.Steps.Count > 0)
        {
            var s = plan.Steps;
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO dossier_steps (dossier_code, seq, status, occurred_at, content_hash, document, event_id, recorded_at)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                Texts(s, r => r.DossierCode), Ints(s, r => r.Seq), Ints(s, r => r.Status), Instants(s, r => r.OccurredAt),
                Texts(s, r => r.ContentHash), Texts(s, r => r.Document), Uuids(s, r => r.EventId), Instants(s, r => r.RecordedAt)));
        }

        if (plan.IdempotencyRecords.Count > 0)
        {
            var k = plan.IdempotencyRecords;
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO idempotency_records (scope, key, request_hash, status_code, response, created_at)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6)
                """,
                Texts(k, r => r.Scope), Texts(k, r => r.Key), Texts(k, r => r.RequestHash), Ints(k, r => r.StatusCode),
                Texts(k, r => r.Response), Instants(k, r => r.CreatedAt)));
        }

        if (plan.Events.Count > 0)
        {
            // Ordered by ordinality, so ids are drawn in event order (one dossier's events keep their order).
            var e = plan.Events;
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO dossier_events (event_id, dossier_code, destination, type, idempotency_key, body, trace_parent, trace_state, recorded_at, dead_attempts)
                SELECT event_id, dossier_code, destination, type, idempotency_key, body, trace_parent, trace_state, recorded_at, 0
                FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY
                  AS v(event_id, dossier_code, destination, type, idempotency_key, body, trace_parent, trace_state, recorded_at, ord)
                ORDER BY ord
                """,
                Uuids(e, r => r.EventId), Texts(e, r => r.DossierCode), Texts(e, r => r.Destination), Texts(e, r => r.Type),
                Texts(e, r => r.IdempotencyKey), Texts(e, r => r.Body), Texts(e, r => r.TraceParent), Texts(e, r => r.TraceState),
                Instants(e, r => r.RecordedAt)));

            // The newest id per pair, read back from the rows just inserted (the batch runs its commands in order).
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO dossier_sync_states (dossier_code, destination, state, last_event_id, last_published_id, last_delivered_id, attempts, next_attempt_at)
                SELECT dossier_code, destination, 0, max(id), 0, 0, 0, $2 FROM dossier_events WHERE event_id = ANY($1)
                GROUP BY dossier_code, destination ORDER BY dossier_code, destination
                """ + SyncStateConflict,
                Uuids(e, r => r.EventId), new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = plan.Now.UtcDateTime }));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Texts<T>(List<T> rows, Func<T, string?> get) =>
        new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. rows.Select(get)] };

    private static NpgsqlParameter Ints<T>(List<T> rows, Func<T, int?> get) =>
        new NpgsqlParameter<int?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = [.. rows.Select(get)] };

    private static NpgsqlParameter Uuids<T>(List<T> rows, Func<T, Guid> get) =>
        new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = [.. rows.Select(get)] };

    private static NpgsqlParameter Instants<T>(List<T> rows, Func<T, DateTimeOffset?> get) =>
        new NpgsqlParameter<DateTime?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = [.. rows.Select(r => get(r)?.UtcDateTime)] };

    // ---- SQLite: multi-row VALUES in chunks under the parameter limit ----

    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction transaction, WritePlan plan, CancellationToken ct)
    {
        await InsertAsync(connection, transaction, "dossiers",
            ["code", "alias", "origin", "agency_code", "agency_path", "procedure_code", "status", "initial_status", "received_at", "due_at",
             "version", "content_hash", "document", "version_event_id", "last_step_seq", "last_step_status", "last_step_at", "created_at", "updated_at"],
            plan.NewDossiers, r => [r.Code, r.Alias, r.Origin, r.AgencyCode, r.AgencyPath, r.ProcedureCode, r.Status, r.InitialStatus,
                Instant(r.ReceivedAt), Instant(r.DueAt), r.Version, r.ContentHash, r.Document, Uuid(r.VersionEventId), r.LastStepSeq,
                r.LastStepStatus, Instant(r.LastStepAt), Instant(r.CreatedAt), Instant(r.UpdatedAt)], returning: null, ct);

        foreach (var chunk in plan.ChangedDossiers.Chunk(SqliteMaxParameters / 16))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder();
            foreach (var r in chunk)
            {
                var p = command.Parameters.Count;
                sql.Append(CultureInfo.InvariantCulture,
                    $"UPDATE dossiers SET alias = $p{p + 1}, agency_code = $p{p + 2}, agency_path = $p{p + 3}, procedure_code = $p{p + 4}, status = $p{p + 5}, received_at = $p{p + 6}, due_at = $p{p + 7}, version = $p{p + 8}, content_hash = $p{p + 9}, document = $p{p + 10}, version_event_id = $p{p + 11}, last_step_seq = $p{p + 12}, last_step_status = $p{p + 13}, last_step_at = $p{p + 14}, updated_at = $p{p + 15} WHERE code = $p{p};\n");
                AddAll(command, [r.Code, r.Alias, r.AgencyCode, r.AgencyPath, r.ProcedureCode, r.Status, Instant(r.ReceivedAt), Instant(r.DueAt),
                    r.Version, r.ContentHash, r.Document, Uuid(r.VersionEventId), r.LastStepSeq, r.LastStepStatus, Instant(r.LastStepAt), Instant(r.UpdatedAt)]);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }

        await InsertAsync(connection, transaction, "dossier_steps",
            ["dossier_code", "seq", "status", "occurred_at", "content_hash", "document", "event_id", "recorded_at"],
            plan.Steps, r => [r.DossierCode, r.Seq, r.Status, Instant(r.OccurredAt), r.ContentHash, r.Document, Uuid(r.EventId), Instant(r.RecordedAt)],
            returning: null, ct);

        await InsertAsync(connection, transaction, "idempotency_records",
            ["scope", "key", "request_hash", "status_code", "response", "created_at"],
            plan.IdempotencyRecords, r => [r.Scope, r.Key, r.RequestHash, r.StatusCode, r.Response, Instant(r.CreatedAt)], returning: null, ct);

        var ids = new Dictionary<Guid, long>(plan.Events.Count);
        await InsertAsync(connection, transaction, "dossier_events",
            ["event_id", "dossier_code", "destination", "type", "idempotency_key", "body", "trace_parent", "trace_state", "recorded_at", "dead_attempts"],
            plan.Events, r => [Uuid(r.EventId), r.DossierCode, r.Destination, r.Type, r.IdempotencyKey, r.Body, r.TraceParent, r.TraceState, Instant(r.RecordedAt), 0],
            returning: reader => ids[Guid.Parse(reader.GetString(1))] = reader.GetInt64(0), ct);
        SetIds(plan.Events, ids);

        var pairs = plan.Events.GroupBy(e => (e.DossierCode, e.Destination))
            .Select(g => (g.Key.DossierCode, g.Key.Destination, EventId: g.Max(e => e.Id)))
            .ToList();
        await InsertAsync(connection, transaction, "dossier_sync_states",
            ["dossier_code", "destination", "state", "last_event_id", "last_published_id", "last_delivered_id", "attempts", "next_attempt_at"],
            pairs, p => [p.DossierCode, p.Destination, 0, p.EventId, 0, 0, 0, Instant(plan.Now)], returning: null, ct, SyncStateConflict);
    }

    /// <summary>SQLite numbers the rows of a multi-row VALUES in order, so one dossier's event ids keep their order.</summary>
    private static async Task InsertAsync<T>(DbConnection connection, DbTransaction transaction, string table, string[] columns, IReadOnlyList<T> rows,
        Func<T, object?[]> values, Action<DbDataReader>? returning, CancellationToken ct, string onConflict = "")
    {
        foreach (var chunk in rows.Chunk(SqliteMaxParameters / columns.Length))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder().Append(CultureInfo.InvariantCulture, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var first = command.Parameters.Count;
                sql.Append(i == 0 ? "(" : ", (")
                    .AppendJoin(", ", Enumerable.Range(first, columns.Length).Select(p => string.Create(CultureInfo.InvariantCulture, $"$p{p}")))
                    .Append(')');
                AddAll(command, values(chunk[i]));
            }

            sql.Append(onConflict);
            if (returning is null)
            {
                command.CommandText = sql.ToString();
                await command.ExecuteNonQueryAsync(ct);
                continue;
            }

            command.CommandText = sql.Append(" RETURNING id, event_id").ToString();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                returning(reader);
            }
        }
    }

    private static void AddAll(DbCommand command, object?[] values)
    {
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"$p{command.Parameters.Count}");
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    // EF Core's SQLite forms: Guid as upper-case text, DateTime (UTC) as sortable text.
    private static string Uuid(Guid value) => value.ToString("D").ToUpperInvariant();

    private static string? Instant(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static void SetIds(List<DossierEventRecord> events, Dictionary<Guid, long> ids)
    {
        foreach (var e in events)
        {
            e.Id = ids[e.EventId];
        }
    }
}
