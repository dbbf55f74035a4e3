using System.Diagnostics.CodeAnalysis;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>
/// Mã kết quả from DVCQG's TTHC catalogue (<c>MAKETQUA</c>, sent as <c>MaGiayToKetQua</c>/<c>MaKetQuaChinh</c>):
/// <c>KQ.&lt;level-1 unit&gt;.&lt;6 digits&gt;</c>, e.g. <c>KQ.G15.000031</c> (giấy khai sinh, issued under G15).
/// </summary>
/// <remarks>
/// No legal text for this structure was found (DOMAIN.md §0.5); the rule is what every observed code has.
/// Letters are upper-cased.
/// </remarks>
public readonly record struct ResultCode : IParsable<ResultCode>
{
    private readonly string? _value;

    private ResultCode(string value, AgencyCode issuer, int number)
    {
        _value = value;
        Issuer = issuer;
        Number = number;
    }

    public string Value => _value ?? string.Empty;

    /// <summary>The level-1 unit that defines the result (<c>G15</c> as <c>000.00.00.G15</c>).</summary>
    public AgencyCode Issuer { get; }

    /// <summary>The six-digit number (<c>000031</c> is 31).</summary>
    public int Number { get; }

    public override string ToString() => Value;

    public static bool TryParse([NotNullWhen(true)] string? text, out ResultCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out ResultCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Result.Empty;
            return false;
        }

        if (!s.StartsWith("KQ.", StringComparison.OrdinalIgnoreCase))
        {
            error = CodeErrors.Result.Prefix;
            return false;
        }

        var rest = s[3..];
        var dot = rest.IndexOf('.');
        if (dot < 0 || rest[(dot + 1)..].Contains('.'))
        {
            error = CodeErrors.Result.GroupCount;
            return false;
        }

        if (!AgencyCode.TryParseLevel1(rest[..dot], out var letter, out var issuer, out _))
        {
            error = CodeErrors.Result.Issuer;
            return false;
        }

        var number = rest[(dot + 1)..];
        if (number.Length != 6 || !CodeText.IsDigits(number))
        {
            error = CodeErrors.Result.Number;
            return false;
        }

        value = new ResultCode(CodeText.Upper(text, s), AgencyCode.Level1Unit(letter, issuer), CodeText.ToInt(number));
        error = null;
        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_result_code</c> with the precise reason.</exception>
    public static ResultCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidResultCode, error.Message, [error]);

    static ResultCode IParsable<ResultCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<ResultCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ResultCode result) =>
        TryParse(s, out result);
}
