using System.Text;
using Confluent.Kafka;
using Lgsp.Hub.Gateway.MessageLog;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// Publishes each signed message-log checkpoint to <see cref="KafkaOptions.CheckpointTopic"/> (the line of the
/// checkpoints file as the value), all under one key so they stay in one partition in order; returns after the ack.
/// </summary>
internal sealed class KafkaCheckpointPublisher(KafkaClients clients, KafkaProducer producer) : IMessageLogCheckpointPublisher
{
    public const string Key = "lgsp-message-log";

    public string Name => "kafka";

    public async Task PublishAsync(MessageLogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await clients.EnsureCheckpointTopicAsync(cancellationToken);
        await producer.Instance.ProduceAsync(clients.Options.CheckpointTopic,
            new Message<string, byte[]> { Key = Key, Value = Encoding.UTF8.GetBytes(checkpoint.ToSigned().ToLine()) }, cancellationToken);
    }
}
