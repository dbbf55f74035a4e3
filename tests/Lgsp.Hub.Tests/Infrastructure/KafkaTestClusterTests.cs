using Confluent.Kafka;
using Lgsp.Testing.Kafka;

namespace Lgsp.Hub.Tests.Infrastructure;

/// <summary>The Kafka the status-sync tests stand on: a cluster reached only through its bootstrap list.</summary>
public sealed class KafkaTestClusterTests : IDisposable
{
    private readonly KafkaTestCluster _cluster = KafkaTestCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Start_Cluster_AnswersMetadataAndKeepsPerKeyOrder()
    {
        var topic = "t-" + Guid.NewGuid().ToString("N")[..8];
        await _cluster.CreateTopicAsync(topic, partitions: 4);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build();

        for (var i = 0; i < 20; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "H56.14-250812-0035", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        Assert.True(metadata.Brokers.Count >= 1);
        Assert.Equal(4, Assert.Single(metadata.Topics).Partitions.Count);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "g-" + topic,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < 20 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } result)
            {
                seen.Add(result.Message.Value);
            }
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task CutConnections_MockCluster_ProduceWaitsUntilRestored()
    {
        Assert.True(_cluster.SupportsOutages, "Outage staging needs the in-process mock cluster (LGSP_TEST_KAFKA unset).");
        var topic = "t-" + Guid.NewGuid().ToString("N")[..8];
        await _cluster.CreateTopicAsync(topic, partitions: 1);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Error>();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = 60_000,
        }).SetErrorHandler((_, error) => errors.Enqueue(error)).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "before" });

        Task<DeliveryResult<string, string>> during;
        using (_cluster.CutConnections())
        {
            during = producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "during" });
            // The producer has found the brokers gone (it reports the lost connections): the message waits.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (errors.IsEmpty)
            {
                await Task.Delay(20, deadline.Token);
            }

            Assert.False(during.IsCompleted, string.Join("; ", errors.Select(e => e.Reason)));
        }

        var delivered = await during.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(1, delivered.Offset.Value);
    }
}
