using System.Diagnostics;
using Lgsp.Hub.Tests.StatusSync;
using Lgsp.Hub.Tests.StatusSync.Kafka;
using Lgsp.Testing;
using Lgsp.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>
/// A status event is one trace across two hubs: the provincial system's request to the first (which records the
/// event with its trace context), that hub's Kafka produce, and the delivery by the second, the consumer that took the
/// message, through the <c>traceparent</c> header. Both hubs share this test process, so both exporters see every
/// span; which hub delivered is shown by its destination receiving the event.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SyncTracingTests(PostgresFixture postgres, KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Fact]
    public async Task StatusEvent_IsOneTrace_RequestThenProduceOnOneHubThenDeliveryOnTheOther()
    {
        var topic = "lgsp-trace-" + Guid.NewGuid().ToString("N")[..10];
        await kafka.Cluster.CreateTopicAsync(topic, 2);
        await kafka.Cluster.CreateTopicAsync(topic + ".dlq", 2);
        var spans = new SpanLog();
        void Traced(IServiceCollection s) => s.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans));
        var settings = new Dictionary<string, string?>
        {
            ["Observability:Tracing:Enabled"] = "true",
            ["Kafka:BootstrapServers"] = kafka.Cluster.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:DeadLetterTopic"] = topic + ".dlq",
            ["Kafka:ConsumerGroup"] = "g-" + topic,
            ["Kafka:Partitions"] = "2",
            ["Kafka:ReplicationFactor"] = kafka.Cluster.IsMock ? "3" : Environment.GetEnvironmentVariable("LGSP_TEST_KAFKA_REPLICATION") ?? "1",
            ["Kafka:ConsumerEnabled"] = "false",
        };
        // The first hub takes the request and publishes (its consumer off); the second only consumes and delivers.
        await using var first = await StatusSyncHub.OnPostgresAsync(postgres.Server, extra: settings, services: Traced);
        await using var second = first.Sibling(new Dictionary<string, string?> { ["StatusSync:RelayEnabled"] = "false", ["Kafka:ConsumerEnabled"] = "true" }, services: Traced);
        var code = NewCode();

        ActivityTraceId traceId;
        using (var root = TracingTests.Test.StartActivity("the one-stop system accepts a dossier"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/dossiers", UriKind.Relative)) { Content = Json(Accepted(code)) };
            request.Headers.Add("traceparent", root.Id);
            using var response = await first.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var trace = await spans.WaitForAsync(traceId, s => s.Any(a => a.OperationName == "dossier.deliver"), "the delivery's span");

        var server = trace.Single(a => a.Kind == ActivityKind.Server);
        var publish = trace.Single(a => a.OperationName == "dossier.publish");
        var deliver = trace.Single(a => a.OperationName == "dossier.deliver");
        Assert.Equal("the one-stop system accepts a dossier", trace.Single(a => a.SpanId == server.ParentSpanId).OperationName);
        Assert.Equal((ActivityKind.Producer, server.SpanId), (publish.Kind, publish.ParentSpanId));
        Assert.Equal(topic, publish.GetTagItem("messaging.destination.name"));
        Assert.Equal(publish.SpanId, deliver.ParentSpanId);
        Assert.Equal(publish.GetTagItem("messaging.message.id"), deliver.GetTagItem("messaging.message.id"));
        // The second hub delivered it: the first has no consumer.
        Assert.Single(second.Dvcqg.KeysOf(code));
        Assert.Empty(first.Dvcqg.KeysOf(code));
    }
}
