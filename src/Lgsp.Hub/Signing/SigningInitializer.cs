using Lgsp.Core.Signing;

namespace Lgsp.Hub.Signing;

/// <summary>
/// Takes the signer and the verifier at start so a missing or unusable certificate stops the hub then, with its
/// message, rather than on the first packet.
/// </summary>
internal sealed partial class SigningInitializer(IPacketSigner signer, PacketSignatureVerifier verifier, PublishedPacketKeys published, ILogger<SigningInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogReady(logger, signer.KeyId, verifier.TrustedCertificates.Count);
        foreach (var other in published.All.Skip(1))
        {
            LogRolloverKey(logger, SigningKeyId.For(other), other.Subject, other.NotAfter.ToUniversalTime());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Signing ready: key id {KeyId}, {TrustedCount} trusted certificates (the hub's own included)")]
    private static partial void LogReady(ILogger logger, string keyId, int trustedCount);

    [LoggerMessage(EventId = 1550, Level = LogLevel.Information,
        Message = "Publishing rollover packet key {KeyId} ({Subject}, valid until {NotAfter:u}) beside the current one; its signatures verify")]
    private static partial void LogRolloverKey(ILogger logger, string keyId, string subject, DateTime notAfter);
}
