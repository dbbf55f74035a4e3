namespace Lgsp.Hub.Gateway;

/// <summary>
/// Bound from the <c>Gateway</c> section (defaults in <c>config/gateway.json</c> and <c>config/access-rights.json</c>),
/// validated on start with every problem listed (<see cref="GatewayOptionsValidator"/>); a reload that fails
/// validation is refused and the last good access rights stay in force (<see cref="AccessRightsRegistry"/>).
/// </summary>
public sealed record GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The hub's own agency code (mã định danh), the <c>sender</c> of every answer packet.</summary>
    public string? AgencyCode { get; init; }

    /// <summary>Which client may call which source for which purposes, by OAuth client id (X-Road's access rights).</summary>
    public IDictionary<string, ClientAccessRights> AccessRights { get; init; } = new Dictionary<string, ClientAccessRights>(StringComparer.Ordinal);

    public MessageLogOptions MessageLog { get; init; } = new();

    /// <summary>
    /// The most one client may hold of a source's concurrent calls (its adapter's <c>Concurrency:PermitLimit</c>), in per
    /// cent (1–100, at least one call): a client at its limit gets 429 and leaves the rest to the others.
    /// </summary>
    public int ClientShareOfSourceConcurrency { get; init; } = 50;
}

/// <summary>
/// One client's rights: its agency (the <c>receiver</c> of its answers), the sources it may call and the agencies
/// whose dossiers it may read through the status sync.
/// </summary>
public sealed record ClientAccessRights
{
    /// <summary>The agency code of the system behind the client, written into the answers' header (needed with <see cref="Services"/>).</summary>
    public string? AgencyCode { get; init; }

    /// <summary>
    /// Agency codes (QCVN 102) whose dossiers the client may read (<c>GET /api/v1/dossiers/…</c>, the change feed, the
    /// reconciliation): a code covers its units (<c>H56</c> covers <c>H56.14</c> and <c>H56.14.03</c>). Absent or
    /// empty = none (deny by default).
    /// </summary>
    public IList<string>? DossierAgencies { get; init; }

    /// <summary>Keyed by source name (<c>population</c>, <c>business</c>, <c>land</c>, <c>insurance</c>, <c>civilregistry</c>).</summary>
    public IDictionary<string, ServiceAccessRight> Services { get; init; } = new Dictionary<string, ServiceAccessRight>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The right to call one source.</summary>
public sealed record ServiceAccessRight
{
    /// <summary>National procedure codes (<c>1.001193</c>) the client may state as its purpose, or the single entry <c>*</c>.</summary>
    public IList<string> Purposes { get; init; } = [];

    /// <summary>
    /// Data minimisation: the canonical field paths the client receives (<c>name</c>, <c>permanentAddress.wardCode</c>,
    /// <c>representatives.fullName</c>); absent means the whole record. The record's key and the members a kept object
    /// cannot be without (its required members) are always kept.
    /// </summary>
    public IList<string>? Fields { get; init; }

    /// <summary>
    /// Subject binding: agency codes (QCVN 102) whose officials, signed in through this client, may look up anyone's
    /// records of this source (each code covering its units, as <see cref="ClientAccessRights.DossierAgencies"/>); their
    /// <c>X-Lgsp-Officer-Id</c> must then be their own id from the token. Absent or empty = a person's token reaches only
    /// that person's own records. Client-credentials tokens are not concerned.
    /// </summary>
    public IList<string>? OfficialAgencies { get; init; }

    /// <summary>
    /// How fast the client may call this source on each hub instance (a token bucket); absent = no rate limit. Changed at
    /// runtime with the rights, in force for the next call.
    /// </summary>
    public RateLimitSetting? RateLimit { get; init; }

    /// <summary>
    /// How many calls the client may make to this source per Vietnam calendar day (00:00–24:00 +07:00), counted by every
    /// instance together in the database; absent = no quota.
    /// </summary>
    public int? DailyQuota { get; init; }
}

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> tokens added each second, at most <see cref="Burst"/> kept.</summary>
public sealed record RateLimitSetting
{
    public const int MaxPermitsPerSecond = 10_000;

    public const int MaxBurst = 100_000;

    public const int MaxDailyQuota = 100_000_000;

    /// <summary>Sustained calls per second.</summary>
    public int PermitsPerSecond { get; init; }

    /// <summary>Calls allowed at once after a quiet spell (the bucket's size); absent = <see cref="PermitsPerSecond"/>.</summary>
    public int? Burst { get; init; }
}

/// <summary>The <c>Gateway:MessageLog</c> section.</summary>
public sealed record MessageLogOptions
{
    public const string DefaultKeySecret = "LGSP_MESSAGE_LOG_KEY";

    public const string DefaultDevelopmentKeyPath = ".data/message-log/subject-key";

    /// <summary>
    /// The <em>name</em> of the environment variable holding the message log's key (HMAC-SHA256 of subjects and request digests), base64,
    /// at least 32 bytes. Required in production; a development or embedded hub makes one once at
    /// <see cref="DevelopmentKeyPath"/>.
    /// </summary>
    public string KeySecret { get; init; } = DefaultKeySecret;

    /// <summary>Where a development or embedded hub keeps its generated key (owner-only), from the content root.</summary>
    public string DevelopmentKeyPath { get; init; } = DefaultDevelopmentKeyPath;

    /// <summary>This instance's name in every record it writes (default: host name and process id).</summary>
    public string? InstanceId { get; init; }

    /// <summary>Most records committed in one transaction by the background writer (group commit).</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>Signed checkpoints of the chain (<c>Gateway:MessageLog:Checkpoints</c>).</summary>
    public MessageLogCheckpointOptions Checkpoints { get; init; } = new();

    /// <summary>
    /// How long records are kept (default 5 years, 1826 days; 30 days – 50 years): older ones are purged, up to the last
    /// signed checkpoint before the first record still within it (<see cref="MessageLog.MessageLogRetention"/>).
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>How often each instance runs the purge (default 1 day; 1 minute – 7 days).</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The <c>Gateway:MessageLog:Checkpoints</c> section: when the hub signs the chain's head, and where it publishes the
/// signed checkpoint besides the database (Kafka's topic is <c>Kafka:CheckpointTopic</c>).
/// </summary>
public sealed record MessageLogCheckpointOptions
{
    public const string DefaultFilePath = ".data/message-log/checkpoints.jsonl";

    /// <summary>Largest number of records a checkpoint's span may list (its hashes travel in one Kafka message).</summary>
    public const int MaxRecords = 2_000;

    /// <summary>A checkpoint is taken once this many records follow the last one (at the end of the batch that reaches it).</summary>
    public int Records { get; init; } = 1_000;

    /// <summary>…or this long after the last timed check, when any record is not yet covered, whichever comes first.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The append-only JSON-lines file every checkpoint is added to (fsync'd), from the content root.</summary>
    public string FilePath { get; init; } = DefaultFilePath;
}
