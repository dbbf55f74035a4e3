using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Kafka;
using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Testing;
using Lgsp.Testing.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncHub;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.StatusSync.Kafka;

/// <summary>The Kafka cluster of this test class: librdkafka's mock in the test process, or <c>LGSP_TEST_KAFKA</c>'s.</summary>
public sealed class KafkaClusterFixture : IDisposable
{
    public KafkaTestCluster Cluster { get; } = KafkaTestCluster.Start();

    public void Dispose() => Cluster.Dispose();
}

/// <summary>
/// The hub on PostgreSQL with <c>Kafka:BootstrapServers</c> set, as in production: the relay publishes to the
/// cluster and the hub's consumer-group member delivers to the (recording) destinations. Each test has its own
/// topics and group, so the tests share one cluster without meeting.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KafkaTransportTests(PostgresFixture postgres, KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private const int Partitions = 4;

    private KafkaTestCluster Cluster => kafka.Cluster;

    /// <summary>Settings for a hub on this test's topics; the relay's own retries are quick.</summary>
    private Dictionary<string, string?> KafkaSettings(string topic, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Cluster.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:DeadLetterTopic"] = topic + ".dlq",
            ["Kafka:ConsumerGroup"] = "g-" + topic,
            ["Kafka:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:ReplicationFactor"] = Cluster.IsMock ? "3" : Environment.GetEnvironmentVariable("LGSP_TEST_KAFKA_REPLICATION") ?? "1",
            ["Kafka:CommitInterval"] = "00:00:00.100",
            // A member that goes away without leaving is noticed quickly (the default is 45 s).
            ["Kafka:Client:session.timeout.ms"] = "6000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
            ["StatusSync:MaxConcurrency"] = "16",
            ["StatusSync:MaxAttempts"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// A fresh topic and its dead-letter topic, made by the test cluster (librdkafka's mock has no controller, so it
    /// cannot serve CreateTopics; the hub then finds them in metadata and creates nothing).
    /// </summary>
    private async Task<string> NewTopicAsync()
    {
        var topic = NewTopicName();
        await Cluster.CreateTopicAsync(topic, Partitions);
        await Cluster.CreateTopicAsync(topic + ".dlq", Partitions);
        return topic;
    }

    private static string NewTopicName() => "lgsp-test-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Kafka_ManyDossiers_DeliveredOnceInPerDossierOrderKeyedByDossierCode()
    {
        var topic = await NewTopicAsync();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: KafkaSettings(topic));
        Assert.IsType<KafkaDossierEventPublisher>(RelayWatch.Unwrap(hub.Host.Services.GetRequiredService<IDossierEventPublisher>()));
        var codes = Enumerable.Range(0, 20).Select(_ => NewCode()).ToList();

        await Task.WhenAll(codes.Select(code => SendAsync(hub, code, steps: 5)));

        await EventuallyAsync(() => hub.Dvcqg.Accepted.Count == codes.Count * 6, "every event delivered", seconds: 60);
        foreach (var code in codes)
        {
            Assert.Equal(ExpectedKeys(code, 5), hub.Dvcqg.KeysOf(code));
        }

        Assert.Equal(0, hub.Dvcqg.Duplicates);
        await EventuallyAsync(() => SyncedCount(hub, codes) == codes.Count, "every dossier synced");

        // On the topic: one message per event, keyed by its dossier code, with its identity in headers.
        var messages = await ReadTopicAsync(topic, codes.Count * 6);
        Assert.All(messages, m =>
        {
            var e = DossierEventJson.Deserialize(m.Message.Value);
            Assert.Equal(e.DossierCode.Value, m.Message.Key);
            Assert.Equal(e.MessageId.ToString(), KafkaHeaderNames.Get(m.Message.Headers, KafkaHeaderNames.EventId));
        });
        Assert.All(messages.GroupBy(m => m.Message.Key), g => Assert.Single(g.Select(m => m.Partition.Value).Distinct()));
    }

    [Fact]
    public async Task Kafka_EverythingPublishedAgain_DestinationSeesNoRepeat()
    {
        var topic = await NewTopicAsync();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: KafkaSettings(topic));
        var codes = Enumerable.Range(0, 5).Select(_ => NewCode()).ToList();
        await Task.WhenAll(codes.Select(code => SendAsync(hub, code, steps: 3)));
        await EventuallyAsync(() => hub.Dvcqg.Accepted.Count == codes.Count * 4, "every event delivered", seconds: 60);
        await EventuallyAsync(() => SyncedCount(hub, codes) == codes.Count, "every dossier synced");
        var calls = hub.Dvcqg.Attempts.Count;

        // As after a relay crash between the broker's ack and recording it: every event goes to the topic again.
        await hub.WithDbAsync(db => db.DossierSyncStates.Where(s => codes.Contains(s.DossierCode))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPublishedId, 0L)));
        await ReadTopicAsync(topic, codes.Count * 8);

        // The copies were read (the group's offsets moved past them) and not one reached the destination.
        await EventuallyAsync(() => CommittedCount(topic) >= codes.Count * 8, "the copies consumed");
        Assert.Equal(calls, hub.Dvcqg.Attempts.Count);
        Assert.Equal(0, hub.Dvcqg.Duplicates);
    }

    [Fact]
    public async Task Kafka_ConnectionCutThenRestored_LosesNothing()
    {
        var topic = await NewTopicAsync();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: KafkaSettings(topic, new Dictionary<string, string?>
        {
            ["StatusSync:DeliveryTimeout"] = "00:00:03",
        }));
        var before = NewCode();
        await SendAsync(hub, before, steps: 2);
        await EventuallyAsync(() => hub.Dvcqg.KeysOf(before).Count == 3, "delivered before the cut", seconds: 60);

        var during = Enumerable.Range(0, 10).Select(_ => NewCode()).ToList();
        // A real cluster cannot be cut from here: there the same traffic simply flows.
        using (Cluster.SupportsOutages ? Cluster.CutConnections() : null)
        {
            // Ingestion does not need Kafka: the changes wait in the outbox while the relay's publishes time out.
            foreach (var code in during)
            {
                await SendAsync(hub, code, steps: 3);
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        await EventuallyAsync(() => during.All(c => hub.Dvcqg.KeysOf(c).Count == 4), "every event delivered after the cut", seconds: 90);
        foreach (var code in during)
        {
            Assert.Equal(ExpectedKeys(code, 3), hub.Dvcqg.KeysOf(code));
        }

        Assert.Equal(0, hub.Dvcqg.Duplicates);
        Assert.Empty(await hub.Host.Services.GetRequiredService<DossierDeadLetters>().ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Kafka_DestinationFailing_DeadLetterAfterAttemptsListedByAdminApiAndReplayDelivers()
    {
        var topic = await NewTopicAsync();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: KafkaSettings(topic, new Dictionary<string, string?>
        {
            ["Kafka:MaxAttempts"] = "3",
        }));
        var failing = NewCode();
        var healthy = NewCode();
        hub.Dvcqg.Failing[failing] = new HttpRequestException("DVCQG answered 503");
        await SendAsync(hub, failing, steps: 3);
        await SendAsync(hub, healthy, steps: 3);

        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");
        JsonElement item = default;
        await EventuallyAsync(() =>
        {
            var page = GetJson(admin, "/admin/v1/dead-letters?destination=dvcqg&limit=10");
            var found = page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("dossierCode").GetString() == failing).ToList();
            item = found.FirstOrDefault();
            return found.Count == 1;
        }, "the dead letter listed", seconds: 60);

        Assert.Equal(3, item.GetProperty("attempts").GetInt32());
        Assert.Equal(failing + "@1", item.GetProperty("idempotencyKey").GetString());
        Assert.Contains("DVCQG answered 503", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(item.TryGetProperty("body", out _));
        // The column also counts the relay's failed sends (a publish that timed out on a busy machine): at most 3 calls.
        Assert.InRange(hub.Dvcqg.Attempts.Count(a => a.Key == failing + "@1"), 1, 3);
        await EventuallyAsync(() => hub.Dvcqg.KeysOf(healthy).Count == 4, "the healthy dossier delivered", seconds: 60);
        Assert.Equal(ExpectedKeys(healthy, 3), hub.Dvcqg.KeysOf(healthy));

        // On the dead-letter topic with the reason in headers.
        var dead = Assert.Single(await ReadTopicAsync(topic + ".dlq", 1));
        Assert.Equal(failing, dead.Message.Key);
        Assert.Contains("DVCQG answered 503", KafkaHeaderNames.Get(dead.Message.Headers, KafkaHeaderNames.DeadReason), StringComparison.Ordinal);
        Assert.Equal("3", KafkaHeaderNames.Get(dead.Message.Headers, KafkaHeaderNames.DeadAttempts));

        // The later events of the dossier wait behind it: once the group has read past everything on the topic, not
        // one was offered to the destination. The sync state says failed.
        var onTopic = PublishedCount(topic);
        await EventuallyAsync(() => CommittedCount(topic) >= onTopic, "the group past every event on the topic", seconds: 60);
        Assert.Empty(hub.Dvcqg.KeysOf(failing));
        Assert.DoesNotContain(hub.Dvcqg.Attempts, a => a.Key.StartsWith(failing, StringComparison.Ordinal) && a.Key != failing + "@1");
        var state = hub.GetJsonAsync($"/api/v1/dossiers/{failing}");
        Assert.Contains("failed", (await state).ToString(), StringComparison.Ordinal);

        hub.Dvcqg.Failing.TryRemove(failing, out _);
        using (var replay = await admin.PostAsync(new Uri($"/admin/v1/dead-letters/{item.GetProperty("eventId").GetString()}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(failing).Count == 4, "the dossier delivered after the replay", seconds: 60);
        Assert.Equal(ExpectedKeys(failing, 3), hub.Dvcqg.KeysOf(failing));
        Assert.Equal(0, hub.Dvcqg.Duplicates);
        Assert.DoesNotContain(GetJson(admin, "/admin/v1/dead-letters").GetProperty("items").EnumerateArray(), i => i.GetProperty("dossierCode").GetString() == failing);

        // Replaying it again: nothing to replay.
        using var again = await admin.PostAsync(new Uri($"/admin/v1/dead-letters/{item.GetProperty("eventId").GetString()}/replay", UriKind.Relative), null);
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "client.not_found", "dead_letter.not_found");
    }

    [Fact]
    public async Task Kafka_TwoInstances_SharePartitionsWithNothingLostOrDuplicated()
    {
        var topic = await NewTopicAsync();
        var on = new Dictionary<string, string?> { ["StatusSync:RelayEnabled"] = "true", ["Kafka:ConsumerEnabled"] = "true" };
        await using var owner = await StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false, extra: KafkaSettings(topic, new Dictionary<string, string?> { ["Kafka:ConsumerEnabled"] = "false" }));

        // Two instances on one database and in one group, each handing what it consumes to the same remote system.
        var remote = new RecordingDestination(SyncSides.Dvcqg);
        await using var one = owner.Sibling(on, dvcqg: new RecordingDestination(SyncSides.Dvcqg) { Remote = remote });
        await using var two = owner.Sibling(on, dvcqg: new RecordingDestination(SyncSides.Dvcqg) { Remote = remote });
        var codes = new List<string>();
        // Paced load, six rounds at least, and on until both instances have delivered (each has partitions once the
        // group has rebalanced, whenever that is); the deadline only turns a hang into a failure.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var round = 0; round < 6 || one.Dvcqg.Attempts.Count == 0 || two.Dvcqg.Attempts.Count == 0; round++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not both instances delivered ({one.Dvcqg.Attempts.Count} and {two.Dvcqg.Attempts.Count})");
            var batch = Enumerable.Range(0, 6).Select(_ => NewCode()).ToList();
            codes.AddRange(batch);
            await Task.WhenAll(batch.Select((code, i) => SendAsync(i % 2 == 0 ? one : two, code, steps: 3)));
            await Task.Delay(500);
        }

        await EventuallyAsync(() => remote.Accepted.Count == codes.Count * 4, "every event delivered", seconds: 90);
        foreach (var code in codes)
        {
            Assert.Equal(ExpectedKeys(code, 3), remote.KeysOf(code));
        }

        Assert.Equal(0, remote.Duplicates);
        Assert.True(one.Dvcqg.Attempts.Count > 0 && two.Dvcqg.Attempts.Count > 0,
            $"both instances delivered ({one.Dvcqg.Attempts.Count} and {two.Dvcqg.Attempts.Count})");
    }

    [Fact]
    public async Task Kafka_RequestTraceContext_TravelsInHeadersToTheDestination()
    {
        var topic = await NewTopicAsync();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: KafkaSettings(topic));
        var code = NewCode();
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/dossiers", UriKind.Relative)) { Content = Json(Accepted(code)) })
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
            request.Headers.Add("tracestate", "lgsp=test");
            await PostOkAsync(hub.Client.SendAsync(request));
        }

        await EventuallyAsync(() => hub.Dvcqg.KeysOf(code).Count == 1, "delivered", seconds: 60);
        var message = Assert.Single(await ReadTopicAsync(topic, 1));
        Assert.Contains(traceId, KafkaHeaderNames.Get(message.Message.Headers, KafkaHeaderNames.TraceParent), StringComparison.Ordinal);
        Assert.Equal("lgsp=test", KafkaHeaderNames.Get(message.Message.Headers, KafkaHeaderNames.TraceState));
        var delivered = hub.Dvcqg.Accepted.Single(e => e.DossierCode.Value == code);
        Assert.Contains(traceId, delivered.TraceParent, StringComparison.Ordinal);
        Assert.Equal("lgsp=test", delivered.TraceState);
    }

    [Fact]
    public async Task EnsureTopics_TopicsAbsent_CreatedWithConfiguredPartitionsOrRefusalTolerated()
    {
        var topic = NewTopicName();
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server, relay: false,
            extra: KafkaSettings(topic, new Dictionary<string, string?> { ["Kafka:ConsumerEnabled"] = "false" }));

        // Never throws: a cluster that refuses is logged (the mock has no controller and refuses every CreateTopics).
        await hub.Host.Services.GetRequiredService<KafkaClients>().EnsureTopicsAsync(CancellationToken.None);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Cluster.BootstrapServers }).Build();
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => t.Error.Code == ErrorCode.NoError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
        if (Cluster.IsMock)
        {
            Assert.DoesNotContain(topic, topics.Keys);
        }
        else
        {
            Assert.Equal(Partitions, topics[topic]);
            Assert.Equal(Partitions, topics[topic + ".dlq"]);
        }
    }

    [Fact]
    public async Task DeadLettersApi_BadInputsAndCallers_RefusedWithProblemDetails()
    {
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server);
        using var admin = hub.AuthorizedClient("lgsp-cli", "lgsp.admin");

        using (var badQuery = await admin.GetAsync(new Uri("/admin/v1/dead-letters?destination=elsewhere&limit=0&after=-1", UriKind.Relative)))
        {
            var problem = await AssertProblemAsync(badQuery, HttpStatusCode.BadRequest, "client.validation_failed", "destination.unknown");
            Assert.Equal(3, problem.GetProperty("errors").GetArrayLength());
            Assert.Contains("Nơi nhận", problem.ToString(), StringComparison.Ordinal);
        }

        using (var badId = await admin.PostAsync(new Uri("/admin/v1/dead-letters/not-a-guid/replay", UriKind.Relative), null))
        {
            await AssertProblemAsync(badId, HttpStatusCode.BadRequest, "client.validation_failed", "dead_letter.id_format");
        }

        using (var unknown = await admin.PostAsync(new Uri($"/admin/v1/dead-letters/{Guid.NewGuid()}/replay", UriKind.Relative), null))
        {
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "client.not_found", "dead_letter.not_found");
        }

        using (var anonymous = await hub.Anonymous.GetAsync(new Uri("/admin/v1/dead-letters", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var portal = await hub.Client.GetAsync(new Uri("/admin/v1/dead-letters", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, portal.StatusCode);
    }

    [Fact]
    public async Task AddLgspKafka_NoBootstrapServers_InProcessRelayAndNoConsumer()
    {
        await using var hub = await StatusSyncHub.OnPostgresAsync(postgres.Server);
        Assert.IsType<InProcessDossierEventPublisher>(RelayWatch.Unwrap(hub.Host.Services.GetRequiredService<IDossierEventPublisher>()));
        Assert.DoesNotContain(hub.Host.Services.GetServices<IHostedService>(), s => s is KafkaDossierConsumer);
    }

    /// <summary>A dossier accepted at the desk, then its steps one request each (each its own event).</summary>
    private static async Task SendAsync(StatusSyncHub hub, string code, int steps)
    {
        await PostOkAsync(hub.PostDossierAsync(Accepted(code)));
        for (var seq = 1; seq <= steps; seq++)
        {
            await PostOkAsync(hub.PostStepsAsync(code, Steps(Step(seq, seq == 1 ? 2 : 4, seq))));
        }
    }

    private static IReadOnlyList<string> ExpectedKeys(string code, int steps) =>
        [code + "@1", .. Enumerable.Range(1, steps).Select(i => $"{code}#{i}")];

    private static int SyncedCount(StatusSyncHub hub, IReadOnlyList<string> codes) =>
        hub.WithDbAsync(db => db.DossierSyncStates.CountAsync(s => codes.Contains(s.DossierCode) && s.State == 1 && s.LastDeliveredId == s.LastEventId)).GetAwaiter().GetResult();

    private static JsonElement GetJson(HttpClient client, string path)
    {
        using var response = client.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("reason").GetString() == reason);
        return problem;
    }

    /// <summary>Reads a topic from the start with a group of its own until <paramref name="count"/> messages came.</summary>
    private async Task<IReadOnlyList<ConsumeResult<string, byte[]>>> ReadTopicAsync(string topic, int count)
    {
        return await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = Cluster.BootstrapServers,
                GroupId = "reader-" + Guid.NewGuid().ToString("N"),
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(topic);
            var seen = new List<ConsumeResult<string, byte[]>>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (seen.Count < count && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
                {
                    seen.Add(result);
                }
            }

            consumer.Close();
            Assert.True(seen.Count >= count, $"{seen.Count} of {count} messages on {topic}");
            return seen;
        });
    }

    /// <summary>The hub's group's committed offsets summed over the topic's partitions.</summary>
    /// <summary>Messages on <paramref name="topic"/> so far: the sum of its partitions' high watermarks.</summary>
    private long PublishedCount(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Cluster.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = "w-" + topic }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }

    private long CommittedCount(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Cluster.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = "g-" + topic }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Sum(o => Math.Max(0, o.Offset.Value));
    }

}
