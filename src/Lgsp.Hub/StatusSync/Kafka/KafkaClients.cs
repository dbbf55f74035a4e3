using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// The librdkafka settings of the hub's Kafka clients: the passthrough (<see cref="KafkaOptions.Client"/>, security
/// first) under the settings the delivery guarantees rest on, which the hub sets itself. Also creates the topics on
/// first use when <see cref="KafkaOptions.CreateTopics"/> is on.
/// </summary>
internal sealed partial class KafkaClients(IOptions<KafkaOptions> options, ILogger<KafkaClients> logger)
{
    private readonly Lock _gate = new();
    private Task? _topics;
    private Task? _checkpointTopic;

    public KafkaOptions Options => options.Value;

    /// <summary>Idempotent, acks from every in-sync replica: a retried send never duplicates or reorders.</summary>
    public ProducerConfig Producer()
    {
        var config = new ProducerConfig(Common())
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
        };

        // Each event waits for its acknowledgement before the next of its dossier, so a long linger only adds latency.
        config.LingerMs ??= 1;
        return config;
    }

    /// <summary>Offsets are committed by the hub only after the destination accepted the event.</summary>
    public ConsumerConfig Consumer() => new(Common())
    {
        GroupId = Options.ConsumerGroup,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
    };

    public AdminClientConfig Admin() => new(Common());

    /// <summary>
    /// Creates the absent dossier topics once per process. A cluster that refuses (no permission, a managed service that
    /// creates topics itself) is logged, not fatal: producing then tells whether the topic really is missing.
    /// </summary>
    public Task EnsureTopicsAsync(CancellationToken cancellationToken) =>
        Ensure(ref _topics, [Options.Topic, Options.DeadLetterTopic], cancellationToken);

    /// <summary>The same for the message log's checkpoint topic, on the first checkpoint only.</summary>
    public Task EnsureCheckpointTopicAsync(CancellationToken cancellationToken) =>
        Ensure(ref _checkpointTopic, [Options.CheckpointTopic], cancellationToken);

    private Task Ensure(ref Task? created, string[] wanted, CancellationToken cancellationToken)
    {
        if (!Options.CreateTopics)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            created ??= CreateTopicsQuietlyAsync(wanted);

            return created.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateTopicsQuietlyAsync(string[] wanted)
    {
        try
        {
            await CreateTopicsAsync(wanted);
        }
        catch (KafkaException ex)
        {
            LogCreateFailed(logger, ex.Error.Code.ToString(), ex.Error.Reason);
        }
    }

    private async Task CreateTopicsAsync(string[] wanted)
    {
        var o = Options;
        using var admin = new AdminClientBuilder(Admin()).Build();
        var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(10)));
        var existing = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification { Name = t, NumPartitions = o.Partitions, ReplicationFactor = o.ReplicationFactor }),
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(15), OperationTimeout = TimeSpan.FromSeconds(15) });
            foreach (var topic in missing)
            {
                LogCreated(logger, topic, o.Partitions, o.ReplicationFactor);
            }
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created them first.
        }
    }

    private ClientConfig Common()
    {
        var o = Options;
        var config = new ClientConfig(new Dictionary<string, string>(o.Client, StringComparer.Ordinal))
        {
            BootstrapServers = o.BootstrapServers,
            ClientId = o.ClientId,
        };
        if (o.SaslPasswordEnvironmentVariable is { Length: > 0 } variable)
        {
            config.SaslPassword = Environment.GetEnvironmentVariable(variable);
        }

        return config;
    }

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Kafka topics could not be created ({Code} {Reason}); create them beforehand if the cluster does not")]
    private static partial void LogCreateFailed(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Created Kafka topic {Topic} ({Partitions} partitions, replication {Replication})")]
    private static partial void LogCreated(ILogger logger, string topic, int partitions, short replication);
}

/// <summary>Header names on the dossier-event and dead-letter topics.</summary>
internal static class KafkaHeaderNames
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string EventId = "lgsp-event-id";
    public const string EventType = "lgsp-event-type";
    public const string Destination = "lgsp-destination";
    public const string DeadReason = "lgsp-dead-reason";
    public const string DeadAttempts = "lgsp-dead-attempts";
    public const string DeadAt = "lgsp-dead-at";
    public const string SourceTopic = "lgsp-source-topic";
    public const string SourcePartition = "lgsp-source-partition";
    public const string SourceOffset = "lgsp-source-offset";

    public static string? Get(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
