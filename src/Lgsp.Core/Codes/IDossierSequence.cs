namespace Lgsp.Core.Codes;

/// <summary>
/// The per-agency, per-day counter behind dossier codes. Implementations must be atomic across every hub
/// instance (the hub's is a single database upsert): two callers never get the same value for one key.
/// </summary>
public interface IDossierSequence
{
    /// <summary>The next value (1, 2, 3, …) of the counter for <paramref name="agencyCode"/> on <paramref name="day"/>.</summary>
    ValueTask<long> NextValueAsync(string agencyCode, DateOnly day, CancellationToken ct);
}
