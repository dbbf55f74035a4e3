using Lgsp.Core.Codes;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Storage;

/// <summary>
/// The per-agency, per-day dossier sequence, kept in the database so that every hub instance draws from the
/// same counter. One statement (an upsert that returns the new value) is atomic on both PostgreSQL and SQLite:
/// no read-modify-write race, no retry loop, no explicit lock. <see cref="DossierCodeGenerator"/> keys it by the
/// agency's canonical code.
/// </summary>
internal sealed class DbDossierSequenceStore(IDbContextFactory<HubDbContext> contexts) : IDossierSequence
{
    public async ValueTask<long> NextValueAsync(string agencyCode, DateOnly day, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ({agencyCode}, {day}, 1)
            ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return values[0];
    }
}
