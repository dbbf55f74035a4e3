using Lgsp.Core.Signing;

namespace Lgsp.Hub.Signing;

/// <summary>
/// Takes the signer and the verifier at start so a missing or unusable certificate stops the hub then, with its
/// message, rather than on the first packet.
/// </summary>
internal sealed partial class SigningInitializer(IPacketSigner signer, PacketSignatureVerifier verifier, ILogger<SigningInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogReady(logger, signer.KeyId, verifier.TrustedCertificates.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Signing ready: key id {KeyId}, {TrustedCount} trusted certificates (the hub's own included)")]
    private static partial void LogReady(ILogger logger, string keyId, int trustedCount);
}
