namespace Lgsp.Hub.Observability;

/// <summary>
/// A background service the requests in flight still need when the hub is told to stop (the message log's writer and
/// its checkpoint publishing): the host stops it in <see cref="StoppedAsync"/>, after every service's
/// <c>StopAsync</c> (the server's, which waits for the requests in flight, included), not with them. Stopped services
/// go in the reverse order of registration, like started ones, so what is registered first stops last.
/// </summary>
internal abstract class AfterRequestsBackgroundService : BackgroundService, IHostedLifecycleService
{
    /// <summary>Nothing yet: the server may still be finishing requests that need this service.</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every request has finished (or the grace period is over): stop as a background service stops.</summary>
    public virtual Task StoppedAsync(CancellationToken cancellationToken) => base.StopAsync(cancellationToken);
}
