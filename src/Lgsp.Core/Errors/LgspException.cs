namespace Lgsp.Core.Errors;

/// <summary>
/// The one exception type that carries a catalogue error across layers. The hub's ProblemDetails handler
/// turns it into RFC 9457 output; anything else that escapes is reported as <c>hub.internal</c>.
/// </summary>
public sealed class LgspException : Exception
{
    /// <param name="error">The catalogue entry: code, status, title in both languages.</param>
    /// <param name="detail">What happened this time, in both languages (<c>detail</c> of the ProblemDetails).</param>
    /// <param name="fieldErrors">Each offending input, for validation errors.</param>
    /// <param name="inner">The cause, kept for logs; never shown to the caller.</param>
    public LgspException(ErrorDescriptor error, LocalizedText? detail = null, IReadOnlyList<FieldError>? fieldErrors = null, Exception? inner = null)
        : base(detail is null ? error.MessageEn : $"{error.MessageEn} {detail.En}", inner)
    {
        Error = error;
        Detail = detail;
        FieldErrors = fieldErrors ?? [];
    }

    public LgspException()
        : this(ErrorCatalogue.Internal)
    {
    }

    // The standard constructors (CA1032): an internal error whose message is for the logs only; the caller gets the
    // catalogue's hub.internal without a detail.
    public LgspException(string message)
        : base(message)
    {
        Error = ErrorCatalogue.Internal;
        FieldErrors = [];
    }

    public LgspException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ErrorCatalogue.Internal;
        FieldErrors = [];
    }

    public ErrorDescriptor Error { get; }

    /// <summary>What happened this time, in Vietnamese and English; null when the catalogue's title says it all.</summary>
    public LocalizedText? Detail { get; }

    public IReadOnlyList<FieldError> FieldErrors { get; }
}
