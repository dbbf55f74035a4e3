using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;

namespace Lgsp.Hub.Gateway;

/// <summary>Builds the access rights and loads the message-log key at start, so a bad configuration stops the hub before it serves.</summary>
internal sealed class GatewayInitializer(AccessRightsRegistry rights, SubjectHasher subjects) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = rights.HubAgency;
        _ = subjects.Hash("start", "check");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
