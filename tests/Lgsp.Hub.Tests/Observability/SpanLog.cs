using System.Collections;
using System.Diagnostics;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>
/// The in-memory exporter's collection, safe to read while hubs export into it. Listeners are process-wide, so it
/// holds the spans of every hub the test process runs; a test reads only its own trace (<see cref="Trace"/>).
/// </summary>
public sealed class SpanLog : ICollection<Activity>
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace, each once (two hubs' exporters may both have seen a span).</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        lock (_gate)
        {
            return [.. _spans.Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId)];
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for the trace's spans; the bound only turns a hang into a failure.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> done, string what)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var spans = Trace(traceId);
            if (done(spans))
            {
                return spans;
            }

            Assert.False(bound.IsCancellationRequested, $"{what}: the trace has {string.Join(", ", spans.Select(s => s.OperationName))}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public void Add(Activity item)
    {
        lock (_gate)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_gate)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_gate)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_gate)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_gate)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
