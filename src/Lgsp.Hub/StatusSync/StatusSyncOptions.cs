using System.ComponentModel.DataAnnotations;

namespace Lgsp.Hub.StatusSync;

/// <summary>Bound from the <c>StatusSync</c> section; validated on start.</summary>
public sealed class StatusSyncOptions
{
    public const string SectionName = "StatusSync";

    /// <summary>Largest number of items in one <c>POST /api/v1/dossiers:batch</c>.</summary>
    [Range(1, 10_000)]
    public int MaxBatchItems { get; set; } = 1000;

    /// <summary>Largest number of steps for one dossier in one request.</summary>
    [Range(1, 1000)]
    public int MaxStepsPerRequest { get; set; } = 100;

    /// <summary>Largest request body in bytes.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Most single-dossier requests (a dossier, a step list) written in one transaction when they wait at once (group
    /// commit: one commit, one fsync, for all of them; each answered after it). 1 writes each request alone.
    /// </summary>
    [Range(1, 10_000)]
    public int GroupCommitMaxRequests { get; set; } = 256;

    /// <summary>Run this instance's outbox relay (every instance may; they share work through leases).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How often an idle relay looks for work that another instance wrote (its own writes wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Dossiers claimed per round.</summary>
    [Range(1, 10_000)]
    public int ClaimBatchSize { get; set; } = 64;

    /// <summary>Events of one dossier handed on per claim before the lease is released.</summary>
    [Range(1, 10_000)]
    public int EventsPerClaim { get; set; } = 100;

    /// <summary>Dossiers delivered in parallel by one instance (each dossier's events stay sequential).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How long a claim on a dossier lasts without progress; a crashed instance's claims expire after it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one delivery may take before it counts as a failed attempt (keep it under the lease).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:30:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an event is parked as a dead letter.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay after the first failure; doubled after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Random spread of each delay (0.1 = up to 10% shorter), so many failing dossiers do not retry in step.</summary>
    [Range(0.0, 1.0)]
    public double RetryJitter { get; set; } = 0.1;

    /// <summary>
    /// The clients (OpenID Connect client ids) that speak for the provincial one-stop system: only they may send
    /// dossiers and steps to <c>POST /api/v1/dossiers…</c>. <c>*</c> admits any client holding the scope. Empty means
    /// the default, <c>provincial-portal</c>.
    /// </summary>
    public IList<string> ProvincialClients { get; } = [];

    /// <summary>
    /// The clients that speak for the national portal: only they may send <c>POST /api/v1/national/dossiers</c> (a
    /// dossier that "came from DVCQG" counts as on DVCQG in the 766 reconciliation, so no one else may claim that).
    /// Empty means the default, <c>national-portal</c>.
    /// </summary>
    public IList<string> NationalClients { get; } = [];

    public IReadOnlyList<string> ClientsOf(string side) => side switch
    {
        Lgsp.Core.StatusSync.SyncSides.Dvcqg => NationalClients.Count > 0 ? [.. NationalClients] : [DefaultNationalClient],
        _ => ProvincialClients.Count > 0 ? [.. ProvincialClients] : [DefaultProvincialClient],
    };

    public const string DefaultProvincialClient = "provincial-portal";

    public const string DefaultNationalClient = "national-portal";

    /// <summary>How long an Idempotency-Key and its answer are kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}
