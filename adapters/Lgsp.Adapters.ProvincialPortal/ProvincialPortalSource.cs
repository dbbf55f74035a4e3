namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The provincial one-stop system's source name: its configuration section (<c>Adapters:provincial</c>), its errors
/// (<c>upstream.provincial.*</c>), the sandbox's fault switch and the status-sync destination it serves.
/// </summary>
public static class ProvincialPortalSource
{
    public const string Name = "provincial";
}
