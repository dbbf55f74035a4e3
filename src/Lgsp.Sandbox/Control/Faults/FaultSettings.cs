using System.Globalization;

namespace Lgsp.Sandbox.Control.Faults;

/// <summary>The fault modes a test can switch on for a stand-in.</summary>
internal static class FaultModes
{
    /// <summary>Answer correctly, after <c>delayMs</c>.</summary>
    public const string Slow = "slow";

    /// <summary>Answer <c>status</c> (default 503) instead; over gRPC, the matching gRPC status.</summary>
    public const string Error = "error";

    /// <summary>429 with <c>Retry-After: retryAfterSeconds</c>; over gRPC, ResourceExhausted with a <c>retry-after</c> trailer.</summary>
    public const string RateLimit = "ratelimit";

    /// <summary>Drop the connection without an answer.</summary>
    public const string Down = "down";

    /// <summary>Answer 200 with a body no client can parse; over gRPC, a message that is not protobuf.</summary>
    public const string Malformed = "malformed";

    /// <summary>Answer correctly but with a broken signature (stand-ins that sign only).</summary>
    public const string BadSignature = "badsignature";

    /// <summary>
    /// Do the work, then drop the connection before the answer leaves: the upstream has the change but the caller
    /// cannot know. What makes repeating a non-idempotent call dangerous.
    /// </summary>
    public const string LostAnswer = "lostanswer";

    /// <summary>
    /// Answer <c>status</c> (default 307, which keeps the method and the body) with a <c>Location</c> on another
    /// address, <c>/_sandbox/redirected/&lt;source&gt;/…</c>, which counts every request that reaches it: a client that
    /// follows would carry its credentials (an API key, a signature, a password body) wherever it is sent.
    /// </summary>
    public const string Redirect = "redirect";

    /// <summary>
    /// Answer <c>status</c> (default 200) with a body of <c>sizeBytes</c> (default 64 MiB) made on the fly, chunked, no
    /// <c>Content-Length</c>: the stand-in's cut-short answer followed by filler, never complete. Over gRPC, one message
    /// frame that declares that size.
    /// </summary>
    public const string Huge = "huge";

    public static IReadOnlyList<string> All { get; } = [Slow, Error, RateLimit, Down, Malformed, BadSignature, LostAnswer, Redirect, Huge];

    /// <summary>The default size of a <see cref="Huge"/> answer.</summary>
    public const long DefaultHugeBytes = 64L * 1024 * 1024;

    /// <summary>The statuses a <see cref="Redirect"/> may answer with.</summary>
    public static IReadOnlyList<int> RedirectStatuses { get; } = [301, 302, 303, 307, 308];
}

/// <summary>
/// The body of <c>PUT /_sandbox/faults/{source}</c>. <c>everyNth</c>, <c>probability</c> and <c>count</c> narrow
/// which calls are hit: every Nth call to the faulted paths, with that probability, at most <c>count</c> times
/// (then the switch turns itself off).
/// </summary>
internal sealed record FaultSettings
{
    public required string Mode { get; init; }

    public int? DelayMs { get; init; }

    public int? Status { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public int? EveryNth { get; init; }

    public double? Probability { get; init; }

    public int? Count { get; init; }

    /// <summary>The size of a <c>huge</c> answer, in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Seed of the draws behind <see cref="Probability"/>, so a test is repeatable.</summary>
    public int? Seed { get; init; }

    public IReadOnlyList<string> Validate(StandIn standIn)
    {
        var errors = new List<string>();
        if (!FaultModes.All.Contains(Mode, StringComparer.Ordinal))
        {
            errors.Add($"mode must be one of {string.Join(", ", FaultModes.All)}.");
        }

        if (Mode == FaultModes.Slow && DelayMs is null)
        {
            errors.Add("delayMs is required for mode slow.");
        }

        if (DelayMs is < 0 or > 600_000)
        {
            errors.Add("delayMs must be between 0 and 600000.");
        }

        if (Mode == FaultModes.Redirect)
        {
            if (Status is { } r && !FaultModes.RedirectStatuses.Contains(r))
            {
                errors.Add($"status must be one of {string.Join(", ", FaultModes.RedirectStatuses)} for mode redirect.");
            }
        }
        else if (Mode == FaultModes.Huge)
        {
            if (Status is { } h && (h < 200 || h > 599))
            {
                errors.Add("status must be between 200 and 599 for mode huge.");
            }
        }
        else if (Status is { } s && (s < 400 || s > 599))
        {
            errors.Add("status must be an HTTP error status (400–599).");
        }

        if (SizeBytes is < 1 or > 4L * 1024 * 1024 * 1024)
        {
            errors.Add("sizeBytes must be between 1 and 4294967296.");
        }

        if (RetryAfterSeconds is < 0 or > 86_400)
        {
            errors.Add("retryAfterSeconds must be between 0 and 86400.");
        }

        if (EveryNth is < 1)
        {
            errors.Add("everyNth must be at least 1.");
        }

        if (Probability is { } p && (p <= 0 || p > 1 || double.IsNaN(p)))
        {
            errors.Add("probability must be in (0, 1].");
        }

        if (Count is < 1)
        {
            errors.Add("count must be at least 1.");
        }

        if (Mode == FaultModes.BadSignature && !standIn.Signs)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"the {standIn.Source} stand-in does not sign its answers; badsignature does not apply."));
        }

        return errors;
    }
}
