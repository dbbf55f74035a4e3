namespace Lgsp.Adapters.Sdk.Delivery;

/// <summary>
/// The idempotency keys a status-sync destination has delivered lately, so a repeat (the relay re-sending an event
/// whose success it could not record, a Kafka redelivery after a rebalance) is dropped without calling the upstream.
/// Bounded (oldest forgotten first) and in memory: it is a shortcut, not the guarantee. A repeat it has forgotten, or
/// one arriving at another instance or after a restart, still reaches the destination's own idempotent path (DVCQG:
/// lookup and content diff; the one-stop system: <c>Idempotency-Key</c>). A key is added only after the upstream took
/// the event, so a failed delivery is always tried again.
/// </summary>
public sealed class DeliveredKeys
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly int _capacity;

    /// <param name="capacity">How many keys are remembered (at least 1).</param>
    public DeliveredKeys(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Enough for every in-flight dossier of a busy hub (a few hundred concurrent pairs), small in memory (~1–2 MB).</summary>
    public const int DefaultCapacity = 10_000;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    public bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _keys.Contains(key);
        }
    }

    /// <summary>Remembers <paramref name="key"/> as delivered, forgetting the oldest key beyond the capacity.</summary>
    public void Add(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_keys.Add(key))
            {
                return;
            }

            _order.Enqueue(key);
            if (_order.Count > _capacity)
            {
                _keys.Remove(_order.Dequeue());
            }
        }
    }
}
