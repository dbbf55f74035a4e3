using System.Data.Common;
using Lgsp.Core.Errors;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Gateway.Limits;

/// <summary>One client's calls to one source on one Vietnam calendar day (table <c>client_quota_usage</c>).</summary>
internal sealed class ClientQuotaUsage
{
    public required string ClientId { get; init; }

    public required string Source { get; init; }

    public DateOnly Day { get; init; }

    public long Used { get; set; }
}

/// <summary>
/// The daily quotas, counted in the database so that every instance shares one count. Exact: each call is one
/// statement, an upsert that adds one only while the count is under the quota and returns the new count (atomic on
/// PostgreSQL and SQLite, no read-modify-write race), so the instances together never admit more than the quota.
/// The price is one round trip per call of a client that has a quota (none for the others).
/// </summary>
internal sealed class DailyQuotaCounter(IDbContextFactory<HubDbContext> contexts)
{
    /// <summary>Counts one call; false (nothing counted) when <paramref name="quota"/> calls were counted already that day.</summary>
    public async ValueTask<bool> TryCountAsync(string clientId, string source, DateOnly day, int quota, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var counted = await db.Database.SqlQuery<long>($"""
                INSERT INTO client_quota_usage (client_id, source, day, used) VALUES ({clientId}, {source}, {day}, 1)
                ON CONFLICT (client_id, source, day) DO UPDATE SET used = client_quota_usage.used + 1
                WHERE client_quota_usage.used < {(long)quota}
                RETURNING used AS "Value"
                """).ToListAsync(ct);
            return counted.Count == 1;
        }
        catch (DbException)
        {
            throw new LgspException(ErrorCatalogue.StorageUnavailable, new("Không đếm được hạn mức ngày của client trong cơ sở dữ liệu.", "The client's daily quota could not be counted in the database."));
        }
    }

    /// <summary>The calls counted for each client and source on <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<ClientQuotaUsage>> UsageAsync(DateOnly day, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ClientQuotaUsage.AsNoTracking().Where(u => u.Day == day).OrderBy(u => u.ClientId).ThenBy(u => u.Source).ToListAsync(ct);
    }

    internal static void Apply(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ClientQuotaUsage>(e =>
        {
            e.ToTable("client_quota_usage");
            e.HasKey(x => new { x.ClientId, x.Source, x.Day });
            e.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.Used).HasColumnName("used");
        });
}
