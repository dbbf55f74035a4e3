using System.Globalization;
using Grpc.Core;
using Lgsp.Adapters.Sdk.Tests.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Sdk.Tests.Infrastructure;

/// <summary>
/// A real upstream on a loopback port, answering as its <see cref="Script"/> says: <c>/echo</c> over HTTP/1.1 and
/// the <c>Echo</c> gRPC service over h2c (HTTP/2 without TLS, as the land database is reached in tests).
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, Script script)
    {
        _app = app;
        Script = script;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public Script Script { get; }

    public string BaseUrl { get; }

    public static async Task<TestUpstream> StartAsync(bool grpc = false)
    {
        var script = new Script();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        builder.Services.AddSingleton(script);
        if (grpc)
        {
            builder.Services.AddGrpc();
        }

        var app = builder.Build();
        if (grpc)
        {
            app.MapGrpcService<EchoService>();
        }
        else
        {
            app.MapMethods("/echo", ["GET", "POST"], async (HttpContext context, Script s) =>
            {
                var (step, call) = s.Next();
                try
                {
                    await Task.Delay(step.DelayMs, context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    s.Abandon();
                    throw;
                }
                context.Response.StatusCode = step.Status;
                if (step.RetryAfterSeconds is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                if (step.Status == 200)
                {
                    await context.Response.WriteAsJsonAsync(new EchoDto($"call {call}"), context.RequestAborted);
                }
                else if (step.Status == 299)
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"text\": [unterminated", context.RequestAborted);
                }
            });
        }

        await app.StartAsync();
        return new TestUpstream(app, script);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class EchoService(Script script) : Echo.EchoBase
    {
        public override Task<EchoReply> Read(EchoRequest request, ServerCallContext context) => Answer(context);

        public override Task<EchoReply> Write(EchoRequest request, ServerCallContext context) => Answer(context);

        private async Task<EchoReply> Answer(ServerCallContext context)
        {
            var (step, call) = script.Next();
            try
            {
                await Task.Delay(step.DelayMs, context.CancellationToken);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                script.Abandon();
                throw;
            }
            if (step.Grpc is { } status && status != StatusCode.OK)
            {
                var trailers = new Metadata();
                if (step.RetryAfterSeconds is { } retryAfter)
                {
                    trailers.Add("retry-after", retryAfter.ToString(CultureInfo.InvariantCulture));
                }

                throw new RpcException(new Status(status, "scripted"), trailers);
            }

            return new EchoReply { Text = "ok", Call = call };
        }
    }
}

public sealed record EchoDto(string Text);
