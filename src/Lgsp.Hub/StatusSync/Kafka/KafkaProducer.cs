using Confluent.Kafka;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// The process's one long-lived Kafka producer (idempotent, <c>acks=all</c>: <see cref="KafkaClients.Producer"/>),
/// created on first use and shared by everything the hub produces: dossier events, dead letters, message-log checkpoints.
/// </summary>
internal sealed partial class KafkaProducer : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public KafkaProducer(KafkaClients clients, ILogger<KafkaProducer> logger)
    {
        _producer = new Lazy<IProducer<string, byte[]>>(() => new ProducerBuilder<string, byte[]>(clients.Producer())
            .SetErrorHandler((_, error) => LogClientError(logger, error.Code.ToString(), error.Reason))
            .Build());
    }

    public IProducer<string, byte[]> Instance => _producer.Value;

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            // Whatever is still queued was not acknowledged, so nobody recorded it as sent: it goes again anyway.
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Kafka producer: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);
}
