using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.Storage;

/// <summary>
/// The per-unit, per-day counter behind <c>MaHoSoKhac</c> aliases (<c>&lt;unit&gt;-yyMMdd-&lt;5 digits&gt;</c>). Kept apart
/// from the Điều 19 code counter (<c>dossier_sequences</c>): an alias and a code of the same unit and day are different
/// numbers.
/// </summary>
internal sealed class DossierAliasSequence
{
    public required string Unit { get; init; }

    public DateOnly Day { get; init; }

    public int LastValue { get; set; }
}

/// <summary>
/// Draws aliases inside the ingestion's transaction, one upsert per (unit, day) for as many as the request needs: the
/// row stays locked until the commit on PostgreSQL (SQLite's write transaction is exclusive), so two requests on two
/// instances never get the same number, and a request that rolls back gives its numbers back. The unique index on
/// <c>dossiers.alias</c> is the last guard.
/// </summary>
internal static class DossierAliases
{
    public const int MaxPerDay = 99_999;

    /// <summary>The next <paramref name="count"/> aliases of <paramref name="unit"/> on <paramref name="day"/>, in order.</summary>
    /// <exception cref="LgspException"><c>hub.dossier_sequence_exhausted</c> past the 99,999th alias of the day.</exception>
    public static async Task<IReadOnlyList<DossierCode>> DrawAsync(HubDbContext db, AgencyCode unit, DateOnly day, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var key = unit.Value;
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO dossier_alias_sequences (unit, day, last_value) VALUES ({key}, {day}, {count})
            ON CONFLICT (unit, day) DO UPDATE SET last_value = dossier_alias_sequences.last_value + excluded.last_value
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        var last = values[0];
        if (last > MaxPerDay)
        {
            throw new LgspException(ErrorCatalogue.SequenceExhausted,
                new($"Đơn vị {key} đã dùng hết {MaxPerDay} mã MaHoSoKhac của ngày {day:dd/MM/yyyy}.", $"Unit {key} has used all {MaxPerDay} MaHoSoKhac aliases of {day:yyyy-MM-dd}."));
        }

        return [.. Enumerable.Range(last - count + 1, count).Select(n => DossierCode.CreateAlias(unit, day, n))];
    }
}
