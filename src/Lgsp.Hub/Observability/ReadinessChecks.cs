using Confluent.Kafka;
using Lgsp.Core.Signing;
using Lgsp.Hub.StatusSync.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lgsp.Hub.Observability;

/// <summary>
/// Not ready once the host is stopping (SIGTERM): the load balancer's probe takes the instance out while the requests
/// it already has finish within <c>Shutdown:GracePeriod</c>.
/// </summary>
internal sealed class StoppingReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("stopping")
            : HealthCheckResult.Healthy());
}

/// <summary>
/// The packet-signing key can sign now: a probe document is signed (its own <c>typ</c>, so the signature is good for
/// nothing else and is thrown away) and the certificate is inside its validity window by the hub's clock (an expired
/// certificate would make every answer unverifiable).
/// </summary>
internal sealed class SigningKeyReadinessCheck(IPacketSigner signer, TimeProvider time) : IHealthCheck
{
    private static readonly byte[] Probe = "{\"probe\":\"readiness\"}"u8.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var certificate = signer.Certificate;
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the signing certificate is outside its validity period"));
        }

        try
        {
            signer.SignDetachedJws(Probe, "lgsp-readiness-probe+json");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the signing key cannot sign", ex));
        }
    }
}

/// <summary>
/// Kafka, when configured: the cluster's metadata is reachable (at least one broker answers) within
/// <see cref="Timeout"/>. One admin client is kept for the process's life; the metadata call blocks, so it runs off
/// the request's thread.
/// </summary>
internal sealed class KafkaReadinessCheck(KafkaClients clients) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(clients.Admin()).SetLogHandler((_, _) => { }).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(Timeout), cancellationToken);
            return metadata.Brokers.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no broker in the metadata");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy("metadata unreachable", ex);
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
