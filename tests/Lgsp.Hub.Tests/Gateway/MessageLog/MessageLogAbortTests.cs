using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>A hub whose message log takes a second before it accepts a record, so a caller can give up meanwhile.</summary>
public sealed class SlowLogGatewayFixture : GatewayFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IMessageLog>(sp => new SlowLog(sp.GetRequiredService<MessageLogWriter>()));

    private sealed class SlowLog(IMessageLog inner) : IMessageLog
    {
        public async Task AppendAsync(MessageLogRecord record, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
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
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.SendAsync(request, giveUp.Token));

        await Task.Delay(TimeSpan.FromSeconds(2)); // the slow log accepts it, the writer commits it
        var records = await gateway.DbAsync(db => db.MessageLogRecords.AsNoTracking().Where(r => r.CorrelationId == requestId).ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal(("ok", 200), (record.Outcome, record.HttpStatus));
        Assert.Equal(record.Hash, MessageLogChain.HashOf(record));
        using var output = new StringWriter();
        Assert.Equal(MessageLogCommand.Valid, await MessageLogCommand.RunAsync(gateway.Hub.Services, ["message-log", "verify"], output));
    }
}
