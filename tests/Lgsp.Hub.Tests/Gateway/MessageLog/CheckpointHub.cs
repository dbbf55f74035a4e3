using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Signing;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>
/// A hub whose business lookups go to the sandbox, for the message log's checkpoint tests: lookups, the checkpoint
/// hook, the verify command, and what the database's owner can do (drop the triggers, rewrite records and recompute
/// the chain, which is public: <see cref="MessageLogChain"/>).
/// </summary>
internal sealed class CheckpointHub(IdentityHub hub) : IAsyncDisposable
{
    public IdentityHub Hub { get; } = hub;

    public IServiceProvider Services => Hub.Services;

    public string CheckpointFile => Services.GetRequiredService<CheckpointFilePublisher>().FilePath;

    public bool IsPostgres => Hub.Factory.Setting("Storage:Provider") == "Postgres";

    /// <summary>The business adapter on the sandbox and the provincial portal's secret, for <see cref="HubFactory"/>.</summary>
    public static Dictionary<string, string?> Settings(SandboxFixture sandbox, int records, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:business:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:business:CredentialsSecret"] = "LGSP_TEST_CHECKPOINT_BUSINESS_CREDENTIALS",
            ["LGSP_TEST_CHECKPOINT_BUSINESS_CREDENTIALS"] = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}",
            ["Gateway:MessageLog:Checkpoints:Records"] = records.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary><paramref name="count"/> business lookups through the gateway, one in three refused (a bad code); each answered once its record is committed.</summary>
    public async Task LookupsAsync(SandboxFixture sandbox, int count)
    {
        var demo = await sandbox.DemoAsync();
        var codes = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()!).ToList();
        using var api = Hub.Api();
        var token = (await Oidc.ClientCredentialsAsync(api, "provincial-portal", Hub.Secret("provincial-portal"), "lgsp.business.read")).AccessToken;
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/business/enterprises/" + (i % 3 == 2 ? "0101234568" : codes[i % codes.Count]));
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("X-Lgsp-Purpose", "1.001193");
            using var response = await api.SendAsync(request);
            Assert.True(response.Headers.Contains("X-Lgsp-Exchange-Id"), response.StatusCode.ToString());
            Assert.True((int)response.StatusCode < 500, response.StatusCode.ToString());
        }
    }

    /// <summary>
    /// The test hook: sign whatever is not covered yet, now (what the timer does every interval), and return once this
    /// instance has published it and every checkpoint it signed before.
    /// </summary>
    public Task<IReadOnlyList<MessageLogCheckpoint>> CheckpointNowAsync() =>
        Services.GetRequiredService<MessageLogCheckpoints>().TakeNowAsync(CancellationToken.None);

    public async Task<(int Code, string Output)> VerifyAsync(params string[] options) => await VerifyWithAsync(Services, options);

    public static async Task<(int Code, string Output)> VerifyWithAsync(IServiceProvider services, params string[] options)
    {
        using var output = new StringWriter();
        var code = await MessageLogCommand.RunAsync(services, ["message-log", "verify", .. options], output);
        return (code, output.ToString());
    }

    public async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>The hub's signing certificate, public part, as an auditor receives it.</summary>
    public string WriteCertificatePem(string directory)
    {
        var path = Path.Combine(directory, "hub-signing-" + Guid.NewGuid().ToString("N")[..8] + ".pem");
        File.WriteAllText(path, Services.GetRequiredService<IPacketSigner>().Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>
    /// What the database's owner can do: with the triggers off, change <paramref name="edit"/>'s records and write the
    /// whole chain again from the first of them, every hash recomputed, and the head with it, in plain SQL.
    /// </summary>
    public Task RewriteAsync(IReadOnlyDictionary<long, Action<MessageLogRecord>> edit) => DbAsync(async db =>
    {
        var first = edit.Keys.Min();
        var records = await db.MessageLogRecords.AsNoTracking().Where(r => r.Id >= first).OrderBy(r => r.Id).ToListAsync();
        var previous = await db.MessageLogRecords.AsNoTracking().Where(r => r.Id == first - 1).Select(r => r.Hash).SingleOrDefaultAsync() ?? MessageLogChain.Genesis;
        await OwnerSqlAsync(db, async () =>
        {
            foreach (var record in records)
            {
                if (edit.TryGetValue(record.Id, out var change))
                {
                    change(record);
                }

                record.PreviousHash = previous;
                record.Hash = MessageLogChain.HashOf(record);
                previous = record.Hash;
                await db.Database.ExecuteSqlAsync($"UPDATE message_log SET client_id = {record.ClientId}, outcome = {record.Outcome}, http_status = {record.HttpStatus}, previous_hash = {record.PreviousHash}, hash = {record.Hash} WHERE id = {record.Id}");
            }

            await db.Database.ExecuteSqlAsync($"UPDATE message_log_head SET last_hash = {previous} WHERE id = 1");
        });
        return records.Count;
    });

    /// <summary>Runs SQL with every append-only trigger of the log dropped (PostgreSQL: disabled), then puts them back.</summary>
    public Task OwnerSqlAsync(FormattableString sql) => DbAsync(async db =>
    {
        await OwnerSqlAsync(db, () => db.Database.ExecuteSqlAsync(sql));
        return 0;
    });

    private async Task OwnerSqlAsync(HubDbContext db, Func<Task> work)
    {
        if (IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE message_log DISABLE TRIGGER USER; ALTER TABLE message_log_head DISABLE TRIGGER USER; ALTER TABLE message_log_checkpoints DISABLE TRIGGER USER;");
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE message_log ENABLE TRIGGER USER; ALTER TABLE message_log_head ENABLE TRIGGER USER; ALTER TABLE message_log_checkpoints ENABLE TRIGGER USER;");
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync(MessageLogModel.SqliteDropTriggers + MessageLogModel.SqliteDropCheckpointTriggers);
        try
        {
            await work();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(MessageLogModel.SqliteTriggers + MessageLogModel.SqliteCheckpointTriggers);
        }
    }

    /// <summary>A client secret of its own for a test hub started by hand (two instances share it).</summary>
    public static string SharedSecretVariable()
    {
        var variable = "LGSP_TEST_SHARED_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)));
        return variable;
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
