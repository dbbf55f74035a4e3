using System.Data.Common;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Gateway.Limits;

/// <summary>One client's calls to one source refused by one limit on one Vietnam calendar day (table <c>client_limit_refusals</c>).</summary>
internal sealed class ClientLimitRefusal
{
    public required string ClientId { get; init; }

    public required string Source { get; init; }

    public DateOnly Day { get; init; }

    /// <summary><see cref="ClientLimits.RateLimit"/>, <see cref="ClientLimits.ConcurrencyLimit"/> or <see cref="ClientLimits.DailyQuotaLimit"/>.</summary>
    public required string Limit { get; init; }

    public long Refused { get; set; }
}

/// <summary>
/// The refusals by a client's limits, counted in the database so that the operators' view is the whole cluster's,
/// not one instance's (the meter <c>lgsp.gateway.client_limit.refused</c> is per instance). One upsert per refusal,
/// the same order of cost as the message-log record every refusal already writes. A refusal whose count cannot be
/// written is still refused (and still in the message log); the count is then short by one, and the log says so.
/// </summary>
internal sealed partial class ClientLimitRefusals(IDbContextFactory<HubDbContext> contexts, ILogger<ClientLimitRefusals> logger)
{
    public async ValueTask CountAsync(string clientId, string source, DateOnly day, string limit, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO client_limit_refusals (client_id, source, day, limit_name, refused) VALUES ({clientId}, {source}, {day}, {limit}, 1)
                ON CONFLICT (client_id, source, day, limit_name) DO UPDATE SET refused = client_limit_refusals.refused + 1
                """, ct);
        }
        catch (DbException ex)
        {
            NotCounted(logger, clientId, source, limit, ex);
        }
    }

    /// <summary>The refusals counted for each client, source and limit on <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<ClientLimitRefusal>> OnAsync(DateOnly day, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ClientLimitRefusals.AsNoTracking().Where(r => r.Day == day).ToListAsync(ct);
    }

    internal static void Apply(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ClientLimitRefusal>(e =>
        {
            e.ToTable("client_limit_refusals");
            e.HasKey(x => new { x.ClientId, x.Source, x.Day, x.Limit });
            e.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.Limit).HasColumnName("limit_name").HasMaxLength(16);
            e.Property(x => x.Refused).HasColumnName("refused");
        });

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "A refusal of client {ClientId} on {Source} by its {Limit} limit could not be counted in the database")]
    private static partial void NotCounted(ILogger logger, string clientId, string source, string limit, Exception exception);
}
