using Lgsp.Adapters.Contract;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>The sandbox for one test class.</summary>
public sealed class CheckpointSandboxFixture : IAsyncLifetime
{
    public SandboxFixture Sandbox { get; } = new();

    public Task InitializeAsync() => Sandbox.InitializeAsync();

    public Task DisposeAsync() => Sandbox.DisposeAsync();
}

/// <summary>
/// Signed checkpoints on the embedded store (SQLite): the database's owner rewrites records and recomputes the chain,
/// which the chain alone cannot see; the verifier names the first rewritten record from the signed checkpoints, reports
/// a tampered checkpoint, works with only the public certificate, and reads the published file.
/// </summary>
public sealed class MessageLogCheckpointTests(CheckpointSandboxFixture fixture) : IClassFixture<CheckpointSandboxFixture>
{
    private SandboxFixture Sandbox => fixture.Sandbox;

    private CheckpointHub Start(int records, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null) =>
        new(IdentityHub.StartOnSqlite(CheckpointHub.Settings(Sandbox, records, extra), services));

    [Fact]
    public async Task Verify_RecordsRewrittenAndChainRecomputed_NamesTheFirstRewrittenRecord()
    {
        await using var hub = Start(records: 5);
        await hub.LookupsAsync(Sandbox, 12);
        await hub.CheckpointNowAsync();
        var checkpoints = await hub.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        Assert.NotEmpty(checkpoints);
        Assert.Equal(12, checkpoints[^1].LastId);
        Assert.Equal(MessageLogCommand.Valid, (await hub.VerifyAsync()).Code);

        // The owner turns a refusal into an answer for another client, and changes a later record too; every hash from
        // record 7 on is recomputed, so the chain alone (today's check) finds nothing.
        await hub.RewriteAsync(new Dictionary<long, Action<MessageLogRecord>>
        {
            [7] = r => (r.ClientId, r.Outcome, r.HttpStatus) = ("records-office", "ok", 200),
            [10] = r => r.ClientId = "audit-office",
        });
        var chainOnly = await hub.DbAsync(db => MessageLogVerifier.VerifyAsync(db, 1, [], CancellationToken.None));
        Assert.True(chainOnly.Valid);

        var (code, output) = await hub.VerifyAsync();

        Assert.Equal(MessageLogCommand.Broken, code);
        Assert.Contains("BROKEN at record 7: Record 7 is not the record signed in checkpoint", output, StringComparison.Ordinal);
        Assert.Contains("rewritten and the chain recomputed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_AreInTheFileOneSignedLineEach()
    {
        await using var hub = Start(records: 4);
        await hub.LookupsAsync(Sandbox, 9);
        await hub.CheckpointNowAsync();

        var stored = await hub.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        var lines = (await File.ReadAllLinesAsync(hub.CheckpointFile)).Select(SignedCheckpoint.ParseLine).ToList();
        Assert.Equal(stored.Select(c => (c.Document, c.Signature)), lines.Select(l => (l.Document, l.Signature)));
        var documents = lines.Select(l => MessageLogCheckpointDocument.Parse(l.Document)).ToList();
        Assert.Equal(Enumerable.Range(1, documents.Count).Select(i => (long)i), documents.Select(d => d.Sequence));
        Assert.Equal(1, documents[0].FirstId);
        Assert.Equal(9, documents[^1].LastId);
        Assert.All(documents.Skip(1).Zip(documents), p => Assert.Equal(p.Second.LastId + 1, p.First.FirstId));
        var hashes = await hub.DbAsync(db => db.MessageLogRecords.OrderBy(r => r.Id).Select(r => r.Hash).ToListAsync());
        Assert.Equal(hashes, documents.SelectMany(d => d.Hashes));
    }

    [Fact]
    public async Task Verify_CheckpointSignatureTampered_IsReported()
    {
        await using var hub = Start(records: 3);
        await hub.LookupsAsync(Sandbox, 6);
        await hub.CheckpointNowAsync();
        var first = await hub.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().OrderBy(c => c.Id).FirstAsync());
        var signature = first.Signature[..^6] + (first.Signature[^6] == 'A' ? 'B' : 'A') + first.Signature[^5..];
        await hub.OwnerSqlAsync($"UPDATE message_log_checkpoints SET signature = {signature} WHERE id = {first.Id}");

        var (code, output) = await hub.VerifyAsync();

        Assert.Equal(MessageLogCommand.CheckpointsInvalid, code);
        Assert.Contains($"CHECKPOINT PROBLEM: checkpoint {first.Id} (records {first.FirstId}–{first.LastId}) in the database (row {first.Id}): signature not valid (client.signature_invalid", output, StringComparison.Ordinal);
        Assert.Contains("message log: valid", output, StringComparison.Ordinal);

        // A checkpoint rewritten to match rewritten records carries the old signature: equally refused.
        var forged = first.Document.Replace(first.LastHash, new string('a', 64), StringComparison.Ordinal);
        await hub.OwnerSqlAsync($"UPDATE message_log_checkpoints SET signature = {first.Signature}, document = {forged} WHERE id = {first.Id}");
        (code, output) = await hub.VerifyAsync();
        Assert.Equal(MessageLogCommand.CheckpointsInvalid, code);
        Assert.Contains($"checkpoint {first.Id} (records {first.FirstId}–{first.LastId}) in the database (row {first.Id}): signature not valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnlyThePublicCertificateAndTheFile_NoSigningKey()
    {
        await using var hub = Start(records: 5);
        await hub.LookupsAsync(Sandbox, 7);
        await hub.CheckpointNowAsync();
        var directory = Path.GetDirectoryName(hub.CheckpointFile)!;
        var certificate = hub.WriteCertificatePem(directory);

        // The auditor's tool: the database and nothing else of the hub's (no signing settings, no key).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = hub.Hub.Factory.Setting("Storage:ConnectionString"),
        }).Build();
        await using var auditor = new ServiceCollection().AddLogging().AddLgspStorage(configuration, directory).BuildServiceProvider();

        var (code, output) = await CheckpointHub.VerifyWithAsync(auditor, "--certificate", certificate, "--checkpoints", hub.CheckpointFile);
        Assert.True(code == MessageLogCommand.Valid, output);
        Assert.Contains("valid, 7 records checked (1–7), head matches", output, StringComparison.Ordinal);
        Assert.Contains("covers records up to 7", output, StringComparison.Ordinal);

        // Another certificate proves nothing: every checkpoint is refused.
        var other = Path.Combine(directory, "other.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=someone else", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllTextAsync(other, selfSigned.ExportCertificatePem());
        }

        (code, output) = await CheckpointHub.VerifyWithAsync(auditor, "--certificate", other, "--checkpoints", hub.CheckpointFile);
        Assert.Equal(MessageLogCommand.CheckpointsInvalid, code);
        Assert.Contains("client.signature_untrusted", output, StringComparison.Ordinal);
        Assert.Equal(MessageLogCommand.Usage, (await CheckpointHub.VerifyWithAsync(auditor, "--certificate", Path.Combine(directory, "absent.pem"))).Code);
    }

    [Fact]
    public async Task Verify_CheckpointsDeletedFromTheDatabaseAndRecordsRewritten_TheFileNamesTheRecord()
    {
        await using var hub = Start(records: 4);
        await hub.LookupsAsync(Sandbox, 8);
        await hub.CheckpointNowAsync();
        await hub.RewriteAsync(new Dictionary<long, Action<MessageLogRecord>> { [3] = r => r.ClientId = "records-office" });
        await hub.OwnerSqlAsync($"DELETE FROM message_log_checkpoints");

        Assert.Equal(MessageLogCommand.Valid, (await hub.VerifyAsync()).Code);
        var (code, output) = await hub.VerifyAsync("--checkpoints", hub.CheckpointFile);

        Assert.Equal(MessageLogCommand.Broken, code);
        Assert.Contains("BROKEN at record 3: Record 3 is not the record signed in checkpoint 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_IntervalElapsedOnTheHubsClock_SignsTheUncoveredRecords()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = Start(records: 1000, new Dictionary<string, string?> { ["Gateway:MessageLog:Checkpoints:Interval"] = "00:01:00" },
            services => services.AddSingleton<TimeProvider>(time));
        await hub.LookupsAsync(Sandbox, 3);
        Assert.Equal(0, await hub.DbAsync(db => db.MessageLogCheckpoints.CountAsync()));

        // The timer waits on the hub's clock: move it a minute at a time until the checkpoint is there.
        for (var turn = 0; turn < 600 && await hub.DbAsync(db => db.MessageLogCheckpoints.CountAsync()) == 0; turn++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }

        var checkpoint = await hub.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().SingleAsync());
        Assert.Equal((1, 3), (checkpoint.FirstId, checkpoint.LastId));

        // Nothing left to sign; returns once everything signed before is published.
        Assert.Empty(await hub.CheckpointNowAsync());
        Assert.Single(await File.ReadAllLinesAsync(hub.CheckpointFile));
    }
}
