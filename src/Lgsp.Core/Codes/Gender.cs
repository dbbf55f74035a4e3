namespace Lgsp.Core.Codes;

/// <summary>Gender as the 12-digit personal id encodes it (even century digit male, odd female).</summary>
public enum Gender
{
    Male,
    Female,
}
