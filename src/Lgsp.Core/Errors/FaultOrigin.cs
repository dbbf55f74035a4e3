namespace Lgsp.Core.Errors;

/// <summary>Who caused a fault (X-Road's client / server / provider split).</summary>
public enum FaultOrigin
{
    Client,
    Hub,
    Upstream,
}
