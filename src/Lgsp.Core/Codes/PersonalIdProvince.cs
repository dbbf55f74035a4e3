namespace Lgsp.Core.Codes;

/// <summary>
/// A province of birth registration as the first three digits of a 12-digit personal id encode it
/// (the 63 provinces before the 2025 mergers; ids already issued keep these codes).
/// </summary>
public sealed record PersonalIdProvince(string Code, string Name)
{
    public override string ToString() => $"{Code} {Name}";
}
