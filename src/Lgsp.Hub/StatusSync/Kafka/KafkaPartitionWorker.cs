using System.Threading.Channels;
using Confluent.Kafka;

namespace Lgsp.Hub.StatusSync.Kafka;

/// <summary>
/// One assigned partition's queue and the task that works through it in order, one message at a time: a dossier's
/// events (one partition) reach the destination in order while other partitions go on.
/// </summary>
/// <param name="handle">Finishes one message (delivered, skipped or parked); throws only when stopping.</param>
internal sealed class KafkaPartitionWorker(
    TopicPartition partition,
    Func<ConsumeResult<string, byte[]>, CancellationToken, Task> handle,
    CancellationToken stoppingToken) : IDisposable
{
    private readonly Channel<ConsumeResult<string, byte[]>> _queue = Channel.CreateUnbounded<ConsumeResult<string, byte[]>>();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
    private Task _run = Task.CompletedTask;
    private long _next = -1;

    public TopicPartition Partition => partition;

    /// <summary>Messages handed over and not yet started (the consumer pauses fetching when too many wait).</summary>
    public int Buffered => _queue.Reader.Count;

    /// <summary>The offset to commit: one past the last message finished, or −1 when none yet.</summary>
    public long NextOffset => Interlocked.Read(ref _next);

    public void Start() => _run = Task.Run(RunAsync, CancellationToken.None);

    public void Enqueue(ConsumeResult<string, byte[]> result) => _queue.Writer.TryWrite(result);

    /// <summary>Stops at once: a message in hand is abandoned (not finished, so not committed: it is read again).</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _run;
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync()
    {
        try
        {
            await foreach (var result in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                await handle(result, _stop.Token);
                Interlocked.Exchange(ref _next, result.Offset.Value + 1);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Revoked or stopping: the message in hand was not finished and is not committed.
        }
    }
}
