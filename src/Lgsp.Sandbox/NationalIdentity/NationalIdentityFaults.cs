namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>How the stand-in misbehaves; <see cref="Healthy"/> unless a test (or, later, a control endpoint) says otherwise.</summary>
internal enum NationalIdentityFault
{
    Healthy,

    /// <summary>Every request under <c>/xacthuc</c> answers 503, as during the portal's maintenance windows.</summary>
    Unavailable,

    /// <summary>
    /// The back-channel (token and userinfo endpoints) answers 500 with an OAuth <c>server_error</c> body, while
    /// the pages work: the user signs in, then the relying party's code exchange fails.
    /// </summary>
    ServerError,

    /// <summary>Every request under <c>/xacthuc</c> waits <see cref="NationalIdentityFaults.Delay"/> first.</summary>
    Slow,
}

/// <summary>The stand-in's fault switch, one per host. Reads and writes are atomic; a change applies to the next request.</summary>
internal sealed class NationalIdentityFaults
{
    private volatile Setting _setting = new(NationalIdentityFault.Healthy, TimeSpan.Zero);

    public NationalIdentityFault Fault => _setting.Fault;

    public TimeSpan Delay => _setting.Delay;

    public void Set(NationalIdentityFault fault, TimeSpan delay = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _setting = new Setting(fault, delay);
    }

    public void Reset() => Set(NationalIdentityFault.Healthy);

    private sealed record Setting(NationalIdentityFault Fault, TimeSpan Delay);
}
