using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// A real upstream on a loopback port that answers every request with what the test set: for answers no stand-in
/// gives (a forged or wrapped signed document, an XML record with a DTD). Records the paths it received.
/// </summary>
public sealed class StubUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Script _script;

    private StubUpstream(WebApplication app, Script script)
    {
        _app = app;
        _script = script;
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri BaseUrl { get; }

    /// <summary>The paths (with query) received, in order.</summary>
    public IReadOnlyList<string> Received => _script.Received;

    public static async Task<StubUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var script = new Script();
        app.Run(script.AnswerAsync);
        await app.StartAsync();
        return new StubUpstream(app, script);
    }

    /// <summary>What every following request gets.</summary>
    public void Answer(int status, string contentType, string body) => _script.Set(status, contentType, body);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class Script
    {
        private readonly Lock _lock = new();
        private readonly List<string> _received = [];
        private (int Status, string ContentType, string Body) _answer = (200, "text/plain", "");

        public IReadOnlyList<string> Received
        {
            get
            {
                lock (_lock)
                {
                    return [.. _received];
                }
            }
        }

        public void Set(int status, string contentType, string body)
        {
            lock (_lock)
            {
                _answer = (status, contentType, body);
            }
        }

        public async Task AnswerAsync(HttpContext context)
        {
            (int Status, string ContentType, string Body) answer;
            lock (_lock)
            {
                _received.Add(context.Request.Path + context.Request.QueryString);
                answer = _answer;
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }
}
