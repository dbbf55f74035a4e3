using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// Bound from the <c>Kafka</c> section; validated on start. Without <see cref="BootstrapServers"/> the hub does not
/// use Kafka at all (the relay delivers in-process). Retry timing (<c>RetryBaseDelay</c>, <c>RetryMaxDelay</c>,
/// <c>RetryJitter</c>, <c>DeliveryTimeout</c>) is the <c>StatusSync</c> section's, so both transports back off alike.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>The cluster's bootstrap list, <c>host:port[,host:port…]</c>. Empty = no Kafka (embedded default).</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>The dossier events, keyed by dossier code (one dossier stays in one partition, in order).</summary>
    public string Topic { get; set; } = "lgsp.dossier.events";

    /// <summary>Events the consumer gave up on, with the reason in headers (the database keeps them too).</summary>
    public string DeadLetterTopic { get; set; } = "lgsp.dossier.events.dlq";

    /// <summary>The message log's signed checkpoints, published outside the database (Gateway/README.md).</summary>
    public string CheckpointTopic { get; set; } = "lgsp.messagelog.checkpoints";

    /// <summary>The consumer group every hub instance joins: the partitions are shared among them.</summary>
    public string ConsumerGroup { get; set; } = "lgsp-hub-status-sync";

    /// <summary>Sent as <c>client.id</c> (broker logs and quotas).</summary>
    public string ClientId { get; set; } = "lgsp-hub";

    /// <summary>Create the topics on start when absent (needs the cluster's permission; else create them beforehand).</summary>
    public bool CreateTopics { get; set; } = true;

    /// <summary>Partitions of a topic the hub creates: the most instances that can consume at once.</summary>
    [Range(1, 10_000)]
    public int Partitions { get; set; } = 12;

    /// <summary>Replication factor of a topic the hub creates.</summary>
    [Range(1, 32)]
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>Run this instance's consumer (every instance may: the group shares the partitions).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>Delivery attempts before the consumer parks an event as a dead letter; empty = <c>StatusSync:MaxAttempts</c>.</summary>
    [Range(1, 1000)]
    public int? MaxAttempts { get; set; }

    /// <summary>How often delivered offsets are committed (only offsets whose events the destination accepted).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Messages fetched ahead per partition before fetching pauses (a slow destination holds no more).</summary>
    [Range(1, 100_000)]
    public int MaxBufferedPerPartition { get; set; } = 1000;

    /// <summary>
    /// Further librdkafka settings, passed through to the producer, consumer and admin client: security
    /// (<c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>ssl.ca.location</c>, …) and tuning
    /// (<c>linger.ms</c>, …). The settings the hub's guarantees rest on are its own and refused here.
    /// </summary>
    public IDictionary<string, string> Client { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <b>name</b> of the environment variable holding <c>sasl.password</c> (never the password itself).</summary>
    public string? SaslPasswordEnvironmentVariable { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>librdkafka settings the hub sets itself: exactly-once per dossier depends on them.</summary>
    public static readonly IReadOnlySet<string> OwnedSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "bootstrap.servers", "metadata.broker.list", "client.id", "group.id", "enable.idempotence", "acks", "request.required.acks",
        "max.in.flight.requests.per.connection", "max.in.flight", "enable.auto.commit", "enable.auto.offset.store", "auto.offset.reset",
        "sasl.password", "isolation.level",
    };
}

/// <summary>Checks the whole <c>Kafka</c> section and reports every problem at once, naming the key.</summary>
internal sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        foreach (var server in options.BootstrapServers!.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!IsEndpoint(server))
            {
                errors.Add($"Kafka:BootstrapServers: '{server}' is not host:port (port 1–65535).");
            }
        }

        CheckTopic(errors, "Kafka:Topic", options.Topic);
        CheckTopic(errors, "Kafka:DeadLetterTopic", options.DeadLetterTopic);
        CheckTopic(errors, "Kafka:CheckpointTopic", options.CheckpointTopic);
        if (string.Equals(options.Topic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            errors.Add("Kafka:DeadLetterTopic must differ from Kafka:Topic.");
        }

        if (string.Equals(options.CheckpointTopic, options.Topic, StringComparison.Ordinal) || string.Equals(options.CheckpointTopic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            errors.Add("Kafka:CheckpointTopic must differ from Kafka:Topic and Kafka:DeadLetterTopic.");
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup) || options.ConsumerGroup.Length > 255)
        {
            errors.Add("Kafka:ConsumerGroup: 1 to 255 characters.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("Kafka:ClientId must not be empty.");
        }

        foreach (var key in options.Client.Keys.Where(KafkaOptions.OwnedSettings.Contains).Order(StringComparer.Ordinal))
        {
            errors.Add($"Kafka:Client:{key} is set by the hub itself (its delivery guarantees depend on it); remove it.");
        }

        if (options.SaslPasswordEnvironmentVariable is { Length: > 0 } variable && Environment.GetEnvironmentVariable(variable) is null)
        {
            errors.Add($"Kafka:SaslPasswordEnvironmentVariable names '{variable}', which is not set.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsEndpoint(string server)
    {
        var match = EndpointPattern().Match(server);
        return match.Success && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
    }

    private static void CheckTopic(List<string> errors, string key, string? topic)
    {
        // Kafka's own rule: 1–249 characters of [a-zA-Z0-9._-], not "." or "..".
        if (string.IsNullOrEmpty(topic) || topic.Length > 249 || topic is "." or ".." || !TopicPattern().IsMatch(topic))
        {
            errors.Add($"{key}: '{topic}' is not a valid topic name (1–249 characters of letters, digits, '.', '_', '-').");
        }
    }

    [GeneratedRegex(@"^(?:[A-Za-z]+://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?<port>[0-9]{1,5})$")]
    private static partial Regex EndpointPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex TopicPattern();
}
