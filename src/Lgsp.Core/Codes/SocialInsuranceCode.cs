using System.Diagnostics.CodeAnalysis;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>
/// Mã số BHXH: 10 digits, e.g. <c>7937368040</c> (also DVCQG's <c>MaBHXH</c>). No check digit or inner structure is
/// published, so only the shape is checked. Personal data: never log <see cref="Value"/>.
/// </summary>
public readonly record struct SocialInsuranceCode : IParsable<SocialInsuranceCode>
{
    private readonly string? _value;

    private SocialInsuranceCode(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public override string ToString() => Value;

    public static bool TryParse([NotNullWhen(true)] string? text, out SocialInsuranceCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out SocialInsuranceCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.SocialInsurance.Empty;
            return false;
        }

        if (!CodeText.IsDigits(s))
        {
            error = CodeErrors.SocialInsurance.Digits;
            return false;
        }

        if (s.Length != 10)
        {
            error = CodeErrors.SocialInsurance.Length;
            return false;
        }

        value = new SocialInsuranceCode(CodeText.Upper(text, s));
        error = null;
        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_social_insurance_code</c> with the precise reason.</exception>
    public static SocialInsuranceCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidSocialInsuranceCode, error.Message, [error]);

    static SocialInsuranceCode IParsable<SocialInsuranceCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<SocialInsuranceCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SocialInsuranceCode result) =>
        TryParse(s, out result);
}
