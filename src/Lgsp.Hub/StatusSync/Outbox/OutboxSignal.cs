using System.Threading.Channels;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>
/// Wakes this instance's relay when a request has committed events, so delivery does not wait for the next poll.
/// Only a hint: other instances (and a missed signal) are covered by polling.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// The relay's idle wait: until new work is signalled, one of the running dossier tasks finishes (a slot is
    /// free), or the poll interval passes.
    /// </summary>
    public async Task WaitForWorkAsync(TimeSpan pollInterval, TimeProvider time, IReadOnlyCollection<Task> running, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signalled = WaitAsync(pollInterval, time, wake.Token);
        if (running.Count > 0)
        {
            // Stop waiting for the signal only when a task finished first (cancelling it unconditionally made an
            // idle relay return at once and poll the database in a busy loop).
            await Task.WhenAny(signalled, Task.WhenAny(running));
            await wake.CancelAsync();
        }

        try
        {
            await signalled;
        }
        catch (OperationCanceledException)
        {
            // Woken by a finished task, or shutting down (the caller checks).
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // timed out: poll
        }
    }
}
