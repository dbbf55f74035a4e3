namespace Lgsp.Core.Errors;

/// <summary>
/// A precise reason one input is wrong: the field (JSON-pointer-like path, or empty for the whole value),
/// a stable reason code such as <c>agency_code.group_count</c>, and the message in both languages.
/// </summary>
public sealed record FieldError(string Field, string Reason, string MessageVi, string MessageEn)
{
    public FieldError WithField(string field) => this with { Field = field };

    /// <summary>The message in both languages, e.g. as the detail of the error it is part of.</summary>
    public LocalizedText Message => new(MessageVi, MessageEn);

    public override string ToString() => string.IsNullOrEmpty(Field) ? Reason : $"{Field}: {Reason}";
}
