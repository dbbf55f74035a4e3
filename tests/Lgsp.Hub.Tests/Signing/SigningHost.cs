using Lgsp.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lgsp.Hub.Tests.Signing;

/// <summary>
/// A host with only the hub's signing component (and the storage options it reads), for start-up failures.
/// The whole hub under WebApplicationFactory cannot show those reliably: when the app's own thread fails to start
/// it disposes the host, and the factory, racing it, may report an ObjectDisposedException instead of the cause.
/// </summary>
internal static class SigningHost
{
    /// <summary>Starts the host and returns the signing start-up failure it must throw.</summary>
    public static async Task<InvalidOperationException> StartFailsAsync(string contentRoot, IDictionary<string, string?> settings, string environment = "Testing")
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(contentRoot, settings, environment));
        Assert.StartsWith("Signing: ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    public static async Task StartAsync(string contentRoot, IDictionary<string, string?> settings, string environment = "Testing")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddLgspSigning(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
