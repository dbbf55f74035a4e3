using System.Diagnostics.CodeAnalysis;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>
/// Mã thủ tục hành chính: the national TTHC code <c>1.005129</c> (a digit, a dot, six digits), or a province's local
/// code that suffixes it with an agency code, <c>1.003560.000.00.00.H56</c> or <c>2.002621.H56</c>.
/// </summary>
/// <remarks>
/// Local codes are keys of a province's own catalogue (mapped back to national codes when syncing), so
/// <see cref="Value"/> keeps the text as given (trimmed, letters upper-cased); <see cref="NationalCode"/> and
/// <see cref="AgencySuffix"/> are its normalised parts. A wrong suffix is reported with the agency's own reason.
/// </remarks>
public readonly record struct ProcedureCode : IParsable<ProcedureCode>
{
    private const int NationalLength = 8;

    private readonly string? _value;
    private readonly string? _nationalCode;

    private ProcedureCode(string value, string nationalCode, AgencyCode? agencySuffix)
    {
        _value = value;
        _nationalCode = nationalCode;
        AgencySuffix = agencySuffix;
    }

    public string Value => _value ?? string.Empty;

    /// <summary>The national TTHC code, e.g. <c>1.003560</c>; equal to <see cref="Value"/> for a national code.</summary>
    public string NationalCode => _nationalCode ?? string.Empty;

    /// <summary>The agency of a local code (<c>2.002621.H56</c> gives <c>000.00.00.H56</c>), or null.</summary>
    public AgencyCode? AgencySuffix { get; }

    public bool IsLocal => AgencySuffix is not null;

    public override string ToString() => Value;

    public static bool TryParse([NotNullWhen(true)] string? text, out ProcedureCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out ProcedureCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Procedure.Empty;
            return false;
        }

        if (s.Length < NationalLength || !char.IsAsciiDigit(s[0]) || s[1] != '.' || !CodeText.IsDigits(s[2..NationalLength]) ||
            (s.Length > NationalLength && s[NationalLength] != '.'))
        {
            error = CodeErrors.Procedure.Format;
            return false;
        }

        AgencyCode? suffix = null;
        if (s.Length > NationalLength)
        {
            if (!AgencyCode.TryParse(s[(NationalLength + 1)..], null, out var agency, out error))
            {
                return false;
            }

            suffix = agency;
        }

        var canonical = CodeText.Upper(text, s);
        value = new ProcedureCode(canonical, suffix is null ? canonical : canonical[..NationalLength], suffix);
        error = null;
        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_procedure_code</c> with the precise reason.</exception>
    public static ProcedureCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidProcedureCode, error.Message, [error]);

    static ProcedureCode IParsable<ProcedureCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<ProcedureCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ProcedureCode result) =>
        TryParse(s, out result);
}
