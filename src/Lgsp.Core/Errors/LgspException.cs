namespace Lgsp.Core.Errors;

/// <summary>
/// The one exception type that carries a catalogue error across layers. The hub's ProblemDetails handler
/// turns it into RFC 9457 output; anything else that escapes is reported as <c>hub.internal</c>.
/// </summary>
public sealed class LgspException : Exception
{
    public LgspException(ErrorDescriptor error, string? detail = null, IReadOnlyList<FieldError>? fieldErrors = null, Exception? inner = null)
        : base(detail is null ? error.MessageEn : $"{error.MessageEn} {detail}", inner)
    {
        Error = error;
        Detail = detail;
        FieldErrors = fieldErrors ?? [];
    }

    public LgspException()
        : this(ErrorCatalogue.Internal)
    {
    }

    public LgspException(string message)
        : this(ErrorCatalogue.Internal, message)
    {
    }

    public LgspException(string message, Exception innerException)
        : this(ErrorCatalogue.Internal, message, null, innerException)
    {
    }

    public ErrorDescriptor Error { get; }

    public string? Detail { get; }

    public IReadOnlyList<FieldError> FieldErrors { get; }
}
