using System.Diagnostics.CodeAnalysis;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>
/// Mã số doanh nghiệp / mã số thuế: 10 digits whose last is a check digit, and for a dependent unit (branch,
/// representative office) 3 more: <c>0306182043-001</c>.
/// </summary>
/// <remarks>
/// Check digit: with weights 31, 29, 23, 19, 17, 13, 7, 5, 3 on the first nine digits, it is
/// 10 − (sum mod 11); when that is 10 the number is never issued. A branch code is also accepted as 13 bare digits
/// (older tax-office exports strip the hyphen) and is normalised to the hyphenated form, which is what the
/// business registry (ĐKKD) prints and what <see cref="Value"/> holds; the 13 digits cannot be mistaken for
/// anything else since the head office part still has to pass the check digit.
/// </remarks>
public readonly record struct EnterpriseCode : IParsable<EnterpriseCode>
{
    private static ReadOnlySpan<int> Weights => [31, 29, 23, 19, 17, 13, 7, 5, 3];

    private readonly string? _value;

    private EnterpriseCode(string value, int? branchNumber)
    {
        _value = value;
        BranchNumber = branchNumber;
    }

    /// <summary><c>0306182043</c> or <c>0306182043-001</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The dependent unit's number (1–999), or null for the enterprise itself.</summary>
    public int? BranchNumber { get; }

    public bool IsBranch => BranchNumber is not null;

    /// <summary>The 10-digit code of the enterprise itself (this code when it is not a branch).</summary>
    public EnterpriseCode HeadOffice => IsBranch ? new EnterpriseCode(Value[..10], null) : this;

    public override string ToString() => Value;

    /// <summary>
    /// The check digit (0–9) for nine leading digits, or null when the weighted sum gives 10 (such numbers are never
    /// issued). For generators of valid synthetic codes.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly nine ASCII digits.</exception>
    public static int? ComputeCheckDigit(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != 9 || !CodeText.IsDigits(firstNine))
        {
            throw new ArgumentException("Nine ASCII digits are expected.", nameof(firstNine));
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (firstNine[i] - '0') * Weights[i];
        }

        var check = 10 - (sum % 11);
        return check == 10 ? null : check;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out EnterpriseCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out EnterpriseCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Enterprise.Empty;
            return false;
        }

        var dash = s.IndexOf('-');
        var head = dash < 0 ? s : s[..dash];
        var branch = dash < 0 ? [] : s[(dash + 1)..];
        if (!CodeText.IsDigits(head) || !CodeText.IsDigits(branch) || (dash >= 0 && branch.IsEmpty))
        {
            error = CodeErrors.Enterprise.Digits;
            return false;
        }

        if (dash < 0 && head.Length == 13)
        {
            branch = head[10..];
            head = head[..10];
        }

        if (head.Length != 10 || ((dash >= 0 || !branch.IsEmpty) && branch.Length != 3))
        {
            error = CodeErrors.Enterprise.Length;
            return false;
        }

        var check = ComputeCheckDigit(head[..9]);
        if (check is null)
        {
            error = CodeErrors.Enterprise.NotIssuable;
            return false;
        }

        if (check != head[9] - '0')
        {
            error = CodeErrors.Enterprise.CheckDigit;
            return false;
        }

        if (branch.IsEmpty)
        {
            value = new EnterpriseCode(CodeText.Upper(text, s), null);
        }
        else
        {
            var number = CodeText.ToInt(branch);
            if (number == 0)
            {
                error = CodeErrors.Enterprise.BranchNumber;
                return false;
            }

            value = new EnterpriseCode(dash >= 0 ? CodeText.Upper(text, s) : string.Concat(head, "-", branch), number);
        }

        error = null;
        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_enterprise_code</c> with the precise reason.</exception>
    public static EnterpriseCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidEnterpriseCode, error.Message, [error]);

    static EnterpriseCode IParsable<EnterpriseCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<EnterpriseCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EnterpriseCode result) =>
        TryParse(s, out result);
}
