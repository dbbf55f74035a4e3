using Lgsp.Core.StatusSync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(Lgsp.Hub.Tests.StatusSync.EndToEnd.StandInDestinationStartup))]

namespace Lgsp.Hub.Tests.StatusSync.EndToEnd;

/// <summary>
/// Loaded into a hub started as a child process by the end-to-end test (<c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES</c>),
/// and only when <see cref="UrlVariable"/> is set: registers a <c>dvcqg</c> destination that posts each event to the
/// test's HTTP stand-in. It stands in for the national-portal adapter until that lands; the hub itself is unchanged.
/// </summary>
public sealed class StandInDestinationStartup : IHostingStartup
{
    public const string UrlVariable = "LGSP_E2E_DVCQG_URL";

    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Environment.GetEnvironmentVariable(UrlVariable) is not { Length: > 0 } url)
        {
            return;
        }

        builder.ConfigureServices(services =>
        {
            services.AddHttpClient(nameof(HttpStandInDestination), c =>
            {
                c.BaseAddress = new Uri(url);
                c.Timeout = TimeSpan.FromSeconds(5);
            });
            services.AddSingleton<IDossierDestination, HttpStandInDestination>();
        });
    }
}

/// <summary>Posts the event (idempotency key in a header) and counts anything but 2xx as a failure to retry.</summary>
internal sealed class HttpStandInDestination(IHttpClientFactory clients) : IDossierDestination
{
    public string Name => SyncSides.Dvcqg;

    public async Task DeliverAsync(DossierEvent dossierEvent, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(nameof(HttpStandInDestination));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("events", UriKind.Relative))
        {
            Content = new ByteArrayContent(DossierEventJson.Serialize(dossierEvent)),
        };
        request.Headers.Add("Idempotency-Key", dossierEvent.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
