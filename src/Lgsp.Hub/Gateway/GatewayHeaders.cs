namespace Lgsp.Hub.Gateway;

/// <summary>
/// The gateway's HTTP headers. Purpose and officer travel in headers, never in URLs, which end up in access logs.
/// </summary>
internal static class GatewayHeaders
{
    /// <summary>Request, required: why the data is asked for, a procedure code (<c>1.001193</c>; a local code matches its national one).</summary>
    public const string Purpose = "X-Lgsp-Purpose";

    /// <summary>Request, required for population lookups: the officer on whose behalf (<c>MaCanBo</c>).</summary>
    public const string OfficerId = "X-Lgsp-Officer-Id";

    /// <summary>Request, optional: the caller's own id for the exchange; becomes the packet's correlation id.</summary>
    public const string RequestId = "X-Lgsp-Request-Id";

    /// <summary>Response: the hub's exchange id (<c>MaYeuCau</c>, the answer packet's message id), on answers and faults.</summary>
    public const string ExchangeId = "X-Lgsp-Exchange-Id";

    /// <summary>Response (JSON answers): the detached JWS over exactly the body's bytes.</summary>
    public const string Signature = "X-Lgsp-Signature";
}
