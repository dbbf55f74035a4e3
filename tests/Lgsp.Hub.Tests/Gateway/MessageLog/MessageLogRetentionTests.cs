using System.Data.Common;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Tests.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>
/// The retention purge on the hub's (fake) clock: records older than the retention go, up to the last signed
/// checkpoint before the first kept record, and the log still verifies, anchored by that checkpoint.
/// </summary>
public sealed class MessageLogRetentionTests(CheckpointSandboxFixture fixture) : IClassFixture<CheckpointSandboxFixture>
{
    [Fact]
    public void Retention_Default_IsFiveYearsAndValidated()
    {
        var defaults = new MessageLogOptions();
        var validator = new Lgsp.Hub.Gateway.AccessRights.GatewayOptionsValidator(Microsoft.Extensions.Options.Options.Create(new Lgsp.Hub.Identity.HubIdentityOptions()));

        var tooShort = validator.Validate(null, new GatewayOptions { AgencyCode = "000.00.00.H56", MessageLog = new MessageLogOptions { Retention = TimeSpan.FromDays(7) } });

        Assert.Equal(TimeSpan.FromDays(1826), defaults.Retention);
        Assert.True(tooShort.Failed);
        Assert.Contains("MessageLog:Retention", tooShort.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_RecordsOlderThanRetention_RemovedThroughACheckpointAndTheLogStillVerifies()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = new CheckpointHub(IdentityHub.StartOnSqlite(
            CheckpointHub.Settings(fixture.Sandbox, records: 5, new Dictionary<string, string?> { ["Gateway:MessageLog:Retention"] = "30.00:00:00" }),
            services => services.AddSingleton<TimeProvider>(time)));
        await hub.LookupsAsync(fixture.Sandbox, 12);
        await hub.CheckpointNowAsync();
        time.Advance(TimeSpan.FromDays(20));
        await hub.LookupsAsync(fixture.Sandbox, 3);
        time.Advance(TimeSpan.FromDays(15));

        await hub.Services.GetRequiredService<MessageLogRetention>().PurgeAsync(CancellationToken.None);

        // Records 1–12 are 35 days old (signed up to 12), 13–15 are 15 days old.
        var kept = await hub.DbAsync(db => db.MessageLogRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal([13L, 14L, 15L], kept);
        Assert.Equal(12, await hub.DbAsync(db => db.MessageLogHeads.AsNoTracking().Select(h => h.PurgedThrough).SingleAsync()));
        Assert.Equal(12, await hub.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().Where(c => c.LastId <= 12).MaxAsync(c => c.LastId)));
        var (code, output) = await hub.VerifyAsync();
        Assert.True(code == MessageLogCommand.Valid, output);
        Assert.Contains("3 records checked (13–15)", output, StringComparison.Ordinal);

        // Still append-only above the purged range, and the mark never moves back.
        await Assert.ThrowsAnyAsync<DbException>(() => hub.DbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM message_log WHERE id = 13")));
        await Assert.ThrowsAnyAsync<DbException>(() => hub.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE message_log_head SET purged_through = 0")));
        Assert.Equal(MessageLogCommand.Valid, (await hub.VerifyAsync()).Code);
    }
}
