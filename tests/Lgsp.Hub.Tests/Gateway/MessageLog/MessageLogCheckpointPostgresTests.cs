using System.Text;
using Confluent.Kafka;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.StatusSync.Kafka;
using Lgsp.Hub.Tests.StatusSync.Kafka;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>
/// Signed checkpoints on the production store: two instances append to the one chain and sign one sequence of
/// checkpoints; the owner of the database rewrites records with the triggers disabled and recomputes the chain, and the
/// verifier names the first rewritten record; with Kafka configured each checkpoint is on <c>Kafka:CheckpointTopic</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageLogCheckpointPostgresTests(PostgresFixture postgres, KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>, IAsyncLifetime
{
    private readonly SandboxFixture _sandbox = new();

    public Task InitializeAsync() => _sandbox.InitializeAsync();

    public Task DisposeAsync() => _sandbox.DisposeAsync();

    [Fact]
    public async Task TwoInstances_RecordsRewrittenAndChainRecomputed_VerifyNamesTheFirstRewrittenRecord()
    {
        var directory = HubFactory.NewDirectory();
        try
        {
            var database = await postgres.Server.CreateDatabaseAsync("checkpoints");
            var variable = CheckpointHub.SharedSecretVariable();
            Dictionary<string, string?> Settings(string instance) => CheckpointHub.Settings(_sandbox, records: 4, new Dictionary<string, string?>
            {
                ["Gateway:MessageLog:InstanceId"] = instance,
                ["Gateway:MessageLog:Checkpoints:FilePath"] = Path.Combine(directory, instance + "-checkpoints.jsonl"),
                ["Identity:Clients:provincial-portal:SecretEnvironmentVariable"] = variable,
            });
            await using var first = new CheckpointHub(IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, Settings("hub-a"), connectionString: database, directory: directory)));
            await using var second = new CheckpointHub(IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, Settings("hub-b"), connectionString: database, directory: directory)));

            await first.LookupsAsync(_sandbox, 5);
            await second.LookupsAsync(_sandbox, 5);
            await first.LookupsAsync(_sandbox, 2);
            await second.CheckpointNowAsync();
            await first.CheckpointNowAsync(); // nothing left to sign: waits for hub-a's own publications

            var checkpoints = await first.DbAsync(db => db.MessageLogCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
            Assert.Equal(Enumerable.Range(1, checkpoints.Count).Select(i => (long)i), checkpoints.Select(c => c.Id));
            Assert.Equal(12, checkpoints[^1].LastId);
            Assert.Contains(checkpoints, c => c.InstanceId == "hub-a");
            Assert.Contains(checkpoints, c => c.InstanceId == "hub-b");
            var files = checkpoints.Select(c => c.InstanceId).Distinct().Select(i => Path.Combine(directory, i + "-checkpoints.jsonl")).ToList();
            Assert.Equal(checkpoints.Count, files.Sum(f => File.ReadAllLines(f).Length));
            Assert.Equal(MessageLogCommand.Valid, (await first.VerifyAsync()).Code);

            await first.RewriteAsync(new Dictionary<long, Action<MessageLogRecord>>
            {
                [6] = r => (r.Outcome, r.HttpStatus) = ("upstream.business.not_found", 404),
                [11] = r => r.ClientId = "national-portal",
            });
            Assert.True((await first.DbAsync(db => MessageLogVerifier.VerifyAsync(db, 1, [], CancellationToken.None))).Valid);
            await first.OwnerSqlAsync($"DELETE FROM message_log_checkpoints WHERE id > 1");

            var arguments = files.SelectMany(f => new[] { "--checkpoints", f }).ToArray();
            var (code, output) = await second.VerifyAsync(arguments);

            Assert.Equal(MessageLogCommand.Broken, code);
            Assert.Contains("BROKEN at record 6: Record 6 is not the record signed in checkpoint", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Kafka_CheckpointPublishedOnTheTopic()
    {
        var cluster = kafka.Cluster;
        var topic = "lgsp-test-" + Guid.NewGuid().ToString("N")[..10];
        foreach (var name in new[] { topic, topic + ".dlq", topic + ".checkpoints" })
        {
            await cluster.CreateTopicAsync(name, 1);
        }

        await using var hub = new CheckpointHub(IdentityHub.Start(await HubFactory.OnPostgresAsync(postgres.Server, CheckpointHub.Settings(_sandbox, records: 1000, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:DeadLetterTopic"] = topic + ".dlq",
            ["Kafka:CheckpointTopic"] = topic + ".checkpoints",
            ["Kafka:ConsumerGroup"] = "g-" + topic,
            ["Kafka:ReplicationFactor"] = cluster.IsMock ? "3" : Environment.GetEnvironmentVariable("LGSP_TEST_KAFKA_REPLICATION") ?? "1",
        }))));
        await hub.LookupsAsync(_sandbox, 3);

        var taken = Assert.Single(await hub.CheckpointNowAsync());

        var line = await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = "reader-" + Guid.NewGuid().ToString("N"),
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(topic + ".checkpoints");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
                {
                    Assert.Equal(KafkaCheckpointPublisher.Key, result.Message.Key);
                    return Encoding.UTF8.GetString(result.Message.Value);
                }
            }

            return null;
        });

        Assert.NotNull(line);
        var published = SignedCheckpoint.ParseLine(line);
        Assert.Equal((taken.Document, taken.Signature), (published.Document, published.Signature));
        var document = MessageLogCheckpointDocument.Parse(published.Document);
        Assert.Equal((1L, 1L, 3L), (document.Sequence, document.FirstId, document.LastId));
    }
}
