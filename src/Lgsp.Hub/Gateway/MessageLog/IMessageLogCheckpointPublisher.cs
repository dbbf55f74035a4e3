namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>Somewhere outside the database a signed checkpoint is also sent to (the checkpoints file, Kafka).</summary>
internal interface IMessageLogCheckpointPublisher
{
    /// <summary>For the logs: <c>file</c>, <c>kafka</c>.</summary>
    string Name { get; }

    /// <summary>Returns once the checkpoint is durable there (fsync'd, acknowledged).</summary>
    Task PublishAsync(MessageLogCheckpoint checkpoint, CancellationToken cancellationToken);
}
