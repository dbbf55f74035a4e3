using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>A hub whose message log holds each record at a gate the test opens, so a caller can give up meanwhile.</summary>
public sealed class SlowLogGatewayFixture : GatewayFixture
{
    /// <summary>Set when a record reaches the log.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the request whose record waits at the gate is aborted (the hub noticed the caller left).</summary>
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to let the record through.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the writer has committed the first record (whether or not its caller still waits).</summary>
    public TaskCompletionSource<Task> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the hub has finished handling a request (its pipeline returned, whatever the outcome).</summary>
    public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IMessageLog>(sp => new GatedLog(sp.GetRequiredService<MessageLogWriter>(), this));
        services.AddSingleton<IStartupFilter>(new HandledSignal(this));
    }

    private sealed class GatedLog(IMessageLog inner, SlowLogGatewayFixture gates) : IMessageLog
    {
        public async Task AppendAsync(MessageLogRecord record, CancellationToken cancellationToken)
        {
            using var aborted = cancellationToken.Register(() => gates.Aborted.TrySetResult());
            gates.Entered.TrySetResult();
            await gates.Release.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            // The writer keeps a record once it has it, whether its caller waits or not (as MessageLogWriter does).
            var written = inner.AppendAsync(record, CancellationToken.None);
            gates.Written.TrySetResult(written);
            await written.WaitAsync(cancellationToken);
        }
    }

    private sealed class HandledSignal(SlowLogGatewayFixture gates) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                try
                {
                    await call(context);
                }
                finally
                {
                    if (context.Request.Headers["X-Lgsp-Request-Id"].ToString().StartsWith("abort-", StringComparison.Ordinal))
                    {
                        gates.Handled.TrySetResult();
                    }
                }
            });
            next(app);
        };
    }
}

/// <summary>
/// A caller that goes away while its answer's record is being committed: the record, already handed to the writer, is
/// stored once and unchanged (the gateway must not edit or re-append it), and the chain stays valid.
/// </summary>
public sealed class MessageLogAbortTests(SlowLogGatewayFixture gateway) : IClassFixture<SlowLogGatewayFixture>
{
    [Fact]
    public async Task Lookup_CallerAbortsWhileTheRecordIsCommitted_OneUnchangedRecordAndAValidChain()
    {
        var c = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        var requestId = "abort-" + Guid.NewGuid().ToString("N");
        using var api = gateway.Api();
        using var request = new HttpRequestMessage(HttpMethod.Get, c.ExistingPath);
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("X-Lgsp-Purpose", c.GrantedPurpose);
        request.Headers.Add("X-Lgsp-Request-Id", requestId);
        using var giveUp = new CancellationTokenSource();

        var sent = api.SendAsync(request, giveUp.Token);
        await gateway.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // answer signed, record handed to the log
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
        await gateway.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the hub noticed the closed connection
        gateway.Release.TrySetResult();
        // The writer commits the record, and the gateway is done with the exchange (any second append would be committed
        // by now: the gateway waits for its own appends).
        await (await gateway.Written.Task.WaitAsync(TimeSpan.FromSeconds(30))).WaitAsync(TimeSpan.FromSeconds(30));
        await gateway.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var records = await gateway.DbAsync(db => db.MessageLogRecords.AsNoTracking().Where(r => r.CorrelationId == requestId).ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal(("ok", 200), (record.Outcome, record.HttpStatus));
        Assert.Equal(record.Hash, MessageLogChain.HashOf(record));
        using var output = new StringWriter();
        Assert.Equal(MessageLogCommand.Valid, await MessageLogCommand.RunAsync(gateway.Hub.Services, ["message-log", "verify"], output));
    }
}
