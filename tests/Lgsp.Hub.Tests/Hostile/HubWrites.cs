using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// Row counts of every table of the hub's model (read from the model, so a new table is counted without touching the
/// suite). What counts as a write: a new row in any table, except the message log's refusal records (a refused lookup
/// is logged by design: <c>message_log</c> rows whose outcome is not <c>ok</c>), the chain head that moves with them
/// and the checkpoints that sign them. Those are counted apart and checked against the answer instead.
/// </summary>
internal sealed record HubRows(IReadOnlyDictionary<string, long> Tables, long Refusals, long LastRefusalStatus, string? LastRefusalOutcome)
{
    public static async Task<HubRows> CountAsync(HubDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Where(t => t is not ("message_log_head" or "message_log_checkpoints")).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(" UNION ALL ", tables.Select(t => t == "message_log"
                ? "SELECT 'message_log', count(*) FROM \"message_log\" WHERE outcome = 'ok'"
                : $"SELECT '{t}', count(*) FROM \"{t}\""))
                + " UNION ALL SELECT 'message_log:refused', count(*) FROM \"message_log\" WHERE outcome <> 'ok'";
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    counts[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            command.CommandText = "SELECT http_status, outcome FROM \"message_log\" ORDER BY id DESC LIMIT 1";
            await using var last = await command.ExecuteReaderAsync();
            var (status, outcome) = await last.ReadAsync() ? (last.GetInt64(0), last.GetString(1)) : (0L, (string?)null);
            var refusals = counts["message_log:refused"];
            counts.Remove("message_log:refused");
            return new HubRows(counts, refusals, status, outcome);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables that gained rows since <paramref name="before"/>.</summary>
    public IReadOnlyList<string> WrittenSince(HubRows before) =>
        [.. Tables.Where(t => t.Value != before.Tables.GetValueOrDefault(t.Key)).Select(t => $"{t.Key} {before.Tables.GetValueOrDefault(t.Key)}→{t.Value}")];
}
