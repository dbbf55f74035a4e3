using System.Collections.Concurrent;
using Lgsp.Core.StatusSync;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// A destination that behaves as the real ones must: it drops a repeated idempotency key (so "delivered" means
/// "seen once"), and it can be told to fail for chosen dossiers or to hold a delivery until released.
/// </summary>
internal sealed class RecordingDestination(string name) : IDossierDestination
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DossierEvent> _accepted = new();
    private readonly ConcurrentQueue<(string Key, DateTimeOffset At)> _attempts = new();

    public string Name => name;

    /// <summary>Dossier codes for which every delivery throws (until removed).</summary>
    public ConcurrentDictionary<string, Exception> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, each delivery records its event and then waits on this before returning.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, the delivery ignores cancellation while waiting on <see cref="Gate"/> (a stuck host).</summary>
    public bool IgnoreCancellation { get; set; }

    /// <summary>Events taken, first delivery of each key only, in arrival order.</summary>
    public IReadOnlyList<DossierEvent> Accepted => [.. _accepted];

    /// <summary>Every call, duplicates and failures included.</summary>
    public IReadOnlyList<(string Key, DateTimeOffset At)> Attempts => [.. _attempts];

    /// <summary>Deliveries of a key already taken (dropped, as a real destination must).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    private int _duplicates;
    private int _inFlight;

    /// <summary>Deliveries that have started and not yet returned (e.g. held at <see cref="Gate"/>).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// When set, this destination only counts its calls and hands each event to the remote one: several hub instances,
    /// each with its own destination object, in front of one remote system.
    /// </summary>
    public RecordingDestination? Remote { get; init; }

    public async Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await DeliverOnceAsync(dossierEvent, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task DeliverOnceAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        _attempts.Enqueue((dossierEvent.IdempotencyKey, DateTimeOffset.UtcNow));
        if (Remote is { } remote)
        {
            await remote.DeliverAsync(dossierEvent, cancellationToken);
            return;
        }

        if (Failing.TryGetValue(dossierEvent.DossierCode.Value, out var failure))
        {
            throw failure;
        }

        if (_keys.TryAdd(dossierEvent.IdempotencyKey, 0))
        {
            _accepted.Enqueue(dossierEvent);
        }
        else
        {
            // Dossiers are delivered in parallel: count atomically.
            Interlocked.Increment(ref _duplicates);
        }

        if (Gate is { } gate)
        {
            await (IgnoreCancellation ? gate.Task : gate.Task.WaitAsync(cancellationToken));
        }
    }

    /// <summary>The idempotency keys of one dossier's accepted events, in arrival order.</summary>
    public IReadOnlyList<string> KeysOf(string dossierCode) =>
        [.. Accepted.Where(e => e.DossierCode.Value == dossierCode).Select(e => e.IdempotencyKey)];
}
