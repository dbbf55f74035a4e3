using System.Collections.Concurrent;

namespace Lgsp.Hub.Identity.Throttling;

/// <summary>What recording a failure did.</summary>
internal enum FailureOutcome
{
    /// <summary>Counted; the key is not locked.</summary>
    Counted,

    /// <summary>This failure reached the limit: the key is locked from now on.</summary>
    Locked,

    /// <summary>The table is full of live keys: this key is not tracked (the other dimension still is).</summary>
    NotTracked,
}

/// <summary>
/// Failures per key in a sliding window, in memory: <c>limit</c> failures within <c>window</c> lock the key for
/// <c>lockout</c>, then counting starts again. So a key gets at most <c>limit</c> failed attempts per lockout period,
/// whatever it does. Bounded: at most <see cref="Capacity"/> keys; when full, keys with nothing left to remember are
/// dropped, and if none is, a new key is not tracked (reported, so the caller can log it).
/// </summary>
internal sealed class FailureWindows(int limit, TimeSpan window, TimeSpan lockout, TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>How long <paramref name="key"/> is still locked, or null when it is not.</summary>
    public TimeSpan? LockedFor(string key)
    {
        if (_entries.IsEmpty || !_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (entry)
        {
            return entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    public FailureOutcome RecordFailure(string key)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= Capacity && !Prune(now))
            {
                return FailureOutcome.NotTracked;
            }

            entry = _entries.GetOrAdd(key, static _ => new Entry());
        }

        lock (entry)
        {
            if (entry.LockedUntil > now)
            {
                return FailureOutcome.Counted;
            }

            while (entry.Failures.Count > 0 && entry.Failures.Peek() <= now - window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            if (entry.Failures.Count < limit)
            {
                return FailureOutcome.Counted;
            }

            entry.Failures.Clear();
            entry.LockedUntil = now + lockout;
            return FailureOutcome.Locked;
        }
    }

    /// <summary>Forgets <paramref name="key"/>'s failures (and lock): a success. Nothing to do, and no allocation, when none are remembered.</summary>
    public void Reset(string key)
    {
        if (!_entries.IsEmpty)
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>Drops the keys with no lock and no failure inside the window; true when room was made.</summary>
    private bool Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            bool idle;
            lock (entry)
            {
                idle = entry.LockedUntil <= now && (entry.Failures.Count == 0 || entry.Failures.Last() <= now - window);
            }

            if (idle)
            {
                _entries.TryRemove(key, out _);
            }
        }

        return _entries.Count < Capacity;
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LockedUntil { get; set; }
    }
}
