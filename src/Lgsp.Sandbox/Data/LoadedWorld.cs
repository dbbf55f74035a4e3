namespace Lgsp.Sandbox.Data;

/// <summary>The world the host built at start, how long that took, and its fingerprint (computed on first use).</summary>
internal sealed class LoadedWorld(SyntheticWorld world, TimeSpan buildTime)
{
    private readonly Lazy<string> _fingerprint = new(() => WorldFingerprint.Compute(world));

    public SyntheticWorld World => world;

    public TimeSpan BuildTime => buildTime;

    public string Fingerprint => _fingerprint.Value;
}
