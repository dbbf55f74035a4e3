namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// The national portal's source name: its configuration section (<c>Adapters:dvcqg</c>), its errors
/// (<c>upstream.dvcqg.*</c>), the sandbox's fault switch and the status-sync destination it serves.
/// </summary>
public static class NationalPortalSource
{
    public const string Name = "dvcqg";
}
