using System.Diagnostics;
using System.Net;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Observability;

/// <summary>
/// One trace per exchange: the incoming request, then the gateway's access check, upstream call (with the adapter's
/// HTTP call to the stand-in under it), signature and message log, each a child of the request, in that order.
/// </summary>
public sealed class TracingTests(TracingGatewayFixture hub) : IClassFixture<TracingGatewayFixture>
{
    /// <summary>The test's own source; its name matches the hub's <c>Lgsp.*</c>, so the hub's listener records it.</summary>
    internal static readonly ActivitySource Test = new("Lgsp.Tests");

    [Fact]
    public async Task Lookup_IsOneTrace_RequestAccessCheckUpstreamSignMessageLog()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        ActivityTraceId traceId;
        using (var root = Test.StartActivity("provincial portal looks up a business"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            using var response = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var spans = await hub.Spans.WaitForAsync(traceId, HasRequestSpan, "the request's span");
        var server = RequestSpan(spans);
        Assert.Equal((ActivityKind.Server, "Microsoft.AspNetCore"), (server.Kind, server.Source.Name));
        var steps = new[] { "lgsp.gateway.access_check", "lgsp.gateway.upstream", "lgsp.gateway.sign", "lgsp.gateway.message_log" }
            .Select(name => spans.Single(a => a.OperationName == name)).ToList();

        Assert.All(steps, s => Assert.Equal(server.SpanId, s.ParentSpanId));
        Assert.All(steps, s => Assert.Equal(SourceNames.Business, s.GetTagItem("lgsp.source")));
        Assert.Single(steps.Select(s => s.GetTagItem("lgsp.exchange_id")).Distinct());
        // In the gateway's order, one after the other.
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.True(pair.First.StartTimeUtc + pair.First.Duration <= pair.Second.StartTimeUtc,
            $"{pair.First.OperationName} ends before {pair.Second.OperationName} starts"));
        // The adapter's calls to the stand-in (its gateway token, then the lookup) are the upstream span's children.
        var calls = spans.Where(a => a.Kind == ActivityKind.Client && a.ParentSpanId == steps[1].SpanId).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.Equal(hub.Sandbox.HttpBaseUrl.Port, Convert.ToInt32(call.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(calls, call => Assert.Equal($"{hub.Sandbox.HttpBaseUrl.GetLeftPart(UriPartial.Authority)}/…", call.GetTagItem("url.full")));
        // The request's span is the client's (the test's HTTP call), which is the test's root.
        var client = spans.Single(a => a.SpanId == server.ParentSpanId);
        Assert.Equal(ActivityKind.Client, client.Kind);
        Assert.Equal("provincial portal looks up a business", spans.Single(a => a.SpanId == client.ParentSpanId).OperationName);
    }

    [Fact]
    public async Task Lookup_NoSpanNamesTheSubject()
    {
        var lookup = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var token = await hub.TokenAsync(GatewayFixture.Portal, lookup.Scope);
        ActivityTraceId traceId;
        using (var root = Test.StartActivity("lookup"))
        {
            traceId = root!.TraceId;
            using var response = await hub.GetAsync(lookup.ExistingPath, token, lookup.GrantedPurpose, lookup.Officer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var spans = await hub.Spans.WaitForAsync(traceId, HasRequestSpan, "the request's spans");
        var key = lookup.ExistingPath.Split('/')[^1];

        // Not in a tag (the request's path, the upstream's URL), nor in a span's name, of any span of the exchange.
        Assert.True(spans.Count >= 7, string.Join(", ", spans.Select(s => s.OperationName)));
        Assert.All(spans, s => Assert.DoesNotContain(key, s.DisplayName, StringComparison.Ordinal));
        Assert.All(spans, s => Assert.DoesNotContain(s.TagObjects, t => t.Value?.ToString()?.Contains(key, StringComparison.Ordinal) == true));
        Assert.Equal("/api/v1/business/enterprises/{code}", RequestSpan(spans).GetTagItem("url.path"));
    }

    /// <summary>The hub's span of the incoming request: the gateway's spans' parent (the stand-in, in this process
    /// too, has a server span of its own in the trace).</summary>
    private static Activity RequestSpan(IReadOnlyList<Activity> spans) =>
        spans.Single(a => a.SpanId == spans.Single(s => s.OperationName == "lgsp.gateway.message_log").ParentSpanId);

    private static bool HasRequestSpan(IReadOnlyList<Activity> spans) =>
        spans.FirstOrDefault(s => s.OperationName == "lgsp.gateway.message_log") is { } log && spans.Any(a => a.SpanId == log.ParentSpanId);
}
