namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// One exchange in the message log (table <c>message_log</c>, append-only: triggers refuse UPDATE and DELETE). Records
/// form one hash chain per database: <see cref="Id"/> is the position in the chain (1, 2, 3… without gaps),
/// <see cref="PreviousHash"/> the hash of the record before it, <see cref="Hash"/> SHA-256 over this record's
/// canonical form (<see cref="MessageLogChain"/>). Never holds a personal identifier: the subject is a keyed hash.
/// </summary>
internal sealed class MessageLogRecord
{
    public long Id { get; set; }

    /// <summary>The hub instance that wrote it (several instances append to the one chain).</summary>
    public required string InstanceId { get; set; }

    /// <summary>The hub's exchange id (<c>MaYeuCau</c>, the answer packet's message id).</summary>
    public required Guid ExchangeId { get; set; }

    /// <summary>The caller's <c>X-Lgsp-Request-Id</c>, or the exchange id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>When the request arrived (UTC, millisecond precision).</summary>
    public required DateTimeOffset OccurredAt { get; set; }

    public required string ClientId { get; set; }

    public string? OfficerId { get; set; }

    /// <summary>The stated procedure code, as given (also when it was not valid).</summary>
    public string? Purpose { get; set; }

    /// <summary>The source: <c>population</c>, <c>business</c>, …</summary>
    public required string Service { get; set; }

    public required string Operation { get; set; }

    /// <summary>HMAC-SHA256 (hex) of the subject's identifier under the message-log key; never the identifier.</summary>
    public string? SubjectHash { get; set; }

    /// <summary>
    /// HMAC-SHA256 (hex) under the message-log key over the exchange id and the SHA-256 of the request's canonical form
    /// (method, target, <c>X-Lgsp-*</c> headers, body; <see cref="SubjectHasher.RequestDigest"/>): keyed, because the
    /// request names its subject and everything else about it is in this row.
    /// </summary>
    public required string RequestDigest { get; set; }

    /// <summary>SHA-256 (hex) of the answer's bytes as sent; absent for a fault (its ProblemDetails is not signed).</summary>
    public string? ResponseDigest { get; set; }

    /// <summary>The answer's signature: the detached JWS, or the XML signature's <c>SignatureValue</c>.</summary>
    public string? Signature { get; set; }

    /// <summary><c>ok</c>, or the catalogue code of the fault (<c>upstream.business.timeout</c>).</summary>
    public required string Outcome { get; set; }

    public required int HttpStatus { get; set; }

    /// <summary>From the request's arrival to the answer being ready (the log write itself excluded).</summary>
    public required long LatencyMicroseconds { get; set; }

    public string PreviousHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// The chain's head (table <c>message_log_head</c>, one row): the last record's id and hash. Writers lock it to append
/// (serialising every instance on the database), and the verifier compares it with the last record, so a truncated
/// tail is detected too.
/// </summary>
internal sealed class MessageLogHead
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long LastId { get; set; }

    public required string LastHash { get; set; }

    /// <summary>
    /// The last record removed by the retention purge (0: none). Records up to it may be deleted, no others; it only
    /// moves forward, and always to the last record of a signed checkpoint, whose hash anchors the chain from there.
    /// </summary>
    public long PurgedThrough { get; set; }
}
