using System.Net;
using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing.Kafka;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>
/// <c>/health/ready</c> covers Kafka when the hub is configured with it (issue 18): the cluster's metadata must be
/// reachable. The database case is <c>PostgresStorageTests.Ready_is_unhealthy_when_the_database_is_gone</c>.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly KafkaTestCluster _kafka = KafkaTestCluster.Start();

    [Fact]
    public async Task Ready_names_kafka_unhealthy_while_its_brokers_are_down_and_recovers()
    {
        Assert.True(_kafka.SupportsOutages, "Outage staging needs the in-process mock cluster (LGSP_TEST_KAFKA unset).");
        await using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Kafka:Topic"] = "ready-" + Guid.NewGuid().ToString("N")[..8],
            ["Kafka:DeadLetterTopic"] = "ready-dlq-" + Guid.NewGuid().ToString("N")[..8],
        });
        using var client = hub.CreateClient();

        var (status, checks) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks.GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("signingKey").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("stopping").GetProperty("status").GetString());

        using (_kafka.CutConnections())
        {
            (status, checks) = await ReadyAsync(client);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", checks.GetProperty("kafka").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        }

        // Back: librdkafka reconnects by itself; readiness follows (waited for, not timed).
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await ReadyAsync(client)).Status != HttpStatusCode.OK)
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    public void Dispose() => _kafka.Dispose();

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body.GetProperty("checks"));
    }
}
