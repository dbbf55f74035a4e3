namespace Lgsp.Core.Errors;

/// <summary>
/// A precise reason one input is wrong: the field (JSON-pointer-like path, or empty for the whole value),
/// a stable reason code such as <c>agency_code.group_count</c>, and the message in both languages.
/// </summary>
public sealed record FieldError(string Field, string Reason, string MessageVi, string MessageEn)
{
    public FieldError WithField(string field) => this with { Field = field };

    public override string ToString() => string.IsNullOrEmpty(Field) ? Reason : $"{Field}: {Reason}";
}
