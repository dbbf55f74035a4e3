namespace Lgsp.Core.Errors;

/// <summary>
/// One entry of the error catalogue: a stable code, who is at fault, the HTTP status it maps to,
/// and the message in Vietnamese and English. Codes never change once published.
/// </summary>
public sealed record ErrorDescriptor(string Code, FaultOrigin Origin, int HttpStatus, string MessageVi, string MessageEn)
{
    public override string ToString() => Code;
}
