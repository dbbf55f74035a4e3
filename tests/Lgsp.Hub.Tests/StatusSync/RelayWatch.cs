using System.Collections.Concurrent;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// The outbox relay as its publisher sees it: every round asks which destinations the publisher serves (once per side)
/// before it claims, then each claimed dossier's events are published. A test that must show something did not happen
/// (an event held back, a dossier left alone) waits for relay rounds that began after it set the scene, instead of
/// waiting a fixed time; a test of what failed reads the outcomes of the publishes.
/// </summary>
internal sealed class RelayWatch
{
    private readonly ConcurrentQueue<(string Destination, string IdempotencyKey, Exception? Failure)> _published = new();
    private int _rounds;

    /// <summary>Relay rounds begun so far.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Every publish, in order, with the exception it threw (null when it returned).</summary>
    public IReadOnlyList<(string Destination, string IdempotencyKey, Exception? Failure)> Published => [.. _published];

    /// <summary>
    /// Waits until <paramref name="count"/> (at least 2) more rounds have begun: every round but the last began after
    /// this call and had finished claiming by the time the next began.
    /// </summary>
    public async Task RoundsAsync(int count = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var until = Rounds + count;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Rounds < until)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Waits until <paramref name="count"/> publishes satisfy <paramref name="match"/>.</summary>
    public async Task PublishesAsync(Func<(string Destination, string IdempotencyKey, Exception? Failure), bool> match, int count, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Published.Count(match) < count)
        {
            Assert.False(deadline.IsCancellationRequested, "Timed out waiting for: " + what);
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Wraps the publisher the hub registered (in-process or Kafka) in the last registration of the service.</summary>
    public void Watch(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDossierEventPublisher));
        services.Remove(registered);
        services.AddSingleton<IDossierEventPublisher>(sp => new Watched(
            (IDossierEventPublisher)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            this));
    }

    /// <summary>The publisher the hub registered, under the watch if there is one.</summary>
    public static IDossierEventPublisher Unwrap(IDossierEventPublisher publisher) => publisher is Watched watched ? watched.Inner : publisher;

    private sealed class Watched(IDossierEventPublisher inner, RelayWatch watch) : IDossierEventPublisher
    {
        public IDossierEventPublisher Inner => inner;

        public bool Handles(string destination)
        {
            if (destination == SyncSides.All[0])
            {
                Interlocked.Increment(ref watch._rounds);
            }

            return inner.Handles(destination);
        }

        public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await inner.PublishAsync(message, cancellationToken);
            }
            catch (Exception ex)
            {
                watch._published.Enqueue((message.Event.Destination, message.Event.IdempotencyKey, ex));
                throw;
            }

            watch._published.Enqueue((message.Event.Destination, message.Event.IdempotencyKey, null));
        }
    }
}
