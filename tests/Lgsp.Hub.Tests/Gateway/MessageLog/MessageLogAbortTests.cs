using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>A hub whose message log holds each record at a gate the test opens, so a caller can give up meanwhile.</summary>
public sealed class SlowLogGatewayFixture : GatewayFixture
{
    /// <summary>Set when a record reaches the log.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to let the record through.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IMessageLog>(sp => new GatedLog(sp.GetRequiredService<MessageLogWriter>(), this));

    private sealed class GatedLog(IMessageLog inner, SlowLogGatewayFixture gates) : IMessageLog
    {
        public async Task AppendAsync(MessageLogRecord record, CancellationToken cancellationToken)
        {
            gates.Entered.TrySetResult();
            await gates.Release.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            await inner.AppendAsync(record, cancellationToken);
        }
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
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the hub notices the closed connection
        gateway.Release.TrySetResult();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the writer commits it
        var records = await gateway.DbAsync(db => db.MessageLogRecords.AsNoTracking().Where(r => r.CorrelationId == requestId).ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal(("ok", 200), (record.Outcome, record.HttpStatus));
        Assert.Equal(record.Hash, MessageLogChain.HashOf(record));
        using var output = new StringWriter();
        Assert.Equal(MessageLogCommand.Valid, await MessageLogCommand.RunAsync(gateway.Hub.Services, ["message-log", "verify"], output));
    }
}
