using System.Globalization;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Dossiers;

/// <summary>The rules every text, URL and enumeration field shares (presence, length, form).</summary>
public static partial class DossierRules
{
    private static void RequiredText(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.TextMissing.WithField(field));
            return;
        }

        Text(errors, field, value, max);
    }

    /// <summary>Text that may be blank (a destination puts its placeholder) but has the hub's cap.</summary>
    private static void Capped(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is { Length: > 0 } && value.Length > max)
        {
            errors.Add(TooLong(field, max));
        }
    }

    private static bool IsTwelveDigits(string? value) =>
        value?.Trim() is { Length: 12 } digits && digits.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Optional text: absent is fine, blank is not (send null instead), and it has a length limit.</summary>
    private static void Text(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.TextBlank.WithField(field));
        }
        else if (value.Length > max)
        {
            errors.Add(TooLong(field, max));
        }
    }

    private static void Url(List<FieldError> errors, string field, Uri? url)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.OriginalString.Length > MaxUrlLength)
        {
            errors.Add(Errors.UrlFormat.WithField(field));
        }
    }

    private static void Enum<T>(List<FieldError> errors, string field, T value, FieldError error)
        where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            errors.Add(error.WithField(field));
        }
    }

    private static FieldError TooLong(string field, int max) => new(field, "text.too_long",
        F($"Nội dung dài quá {max} ký tự."), F($"The text is longer than {max} characters."));

    private static string Item(string list, int index) => list + "/" + index.ToString(CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static readonly System.Buffers.SearchValues<char> PassportChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}
