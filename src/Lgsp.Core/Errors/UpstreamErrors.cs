using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Lgsp.Core.Errors;

/// <summary>The family of <c>upstream.&lt;source&gt;.*</c> errors every source shares.</summary>
public sealed partial class UpstreamErrors
{
    private static readonly ConcurrentDictionary<string, UpstreamErrors> Cache = new(StringComparer.Ordinal);

    private UpstreamErrors(string source)
    {
        Source = source;
        Timeout = Make("timeout", 504, "Hệ thống nguồn ({0}) không phản hồi kịp thời.", "The upstream system ({0}) timed out.");
        Unavailable = Make("unavailable", 503, "Hệ thống nguồn ({0}) tạm thời không sẵn sàng.", "The upstream system ({0}) is unavailable.");
        RateLimited = Make("rate_limited", 503, "Hệ thống nguồn ({0}) đang giới hạn tần suất truy cập.", "The upstream system ({0}) is rate limiting requests.");
        BadResponse = Make("bad_response", 502, "Hệ thống nguồn ({0}) trả về dữ liệu không hợp lệ.", "The upstream system ({0}) returned a malformed response.");
        SignatureInvalid = Make("signature_invalid", 502, "Chữ ký số trong phản hồi của hệ thống nguồn ({0}) không hợp lệ.", "The upstream system's ({0}) response signature is invalid.");
        Rejected = Make("rejected", 502, "Hệ thống nguồn ({0}) từ chối yêu cầu.", "The upstream system ({0}) rejected the request.");
        Unauthorized = Make("unauthorized", 502, "Nền tảng không được hệ thống nguồn ({0}) cấp quyền truy cập.", "The hub is not authorized by the upstream system ({0}).");
        NotFound = Make("not_found", 404, "Hệ thống nguồn ({0}) không có dữ liệu được yêu cầu.", "The upstream system ({0}) has no such record.");
        CircuitOpen = Make("circuit_open", 503, "Tạm ngừng gọi hệ thống nguồn ({0}) do lỗi liên tiếp; sẽ tự thử lại.", "Calls to the upstream system ({0}) are paused after repeated failures; they resume automatically.");
    }

    public string Source { get; }

    public ErrorDescriptor Timeout { get; }

    public ErrorDescriptor Unavailable { get; }

    public ErrorDescriptor RateLimited { get; }

    public ErrorDescriptor BadResponse { get; }

    public ErrorDescriptor SignatureInvalid { get; }

    public ErrorDescriptor Rejected { get; }

    public ErrorDescriptor Unauthorized { get; }

    public ErrorDescriptor NotFound { get; }

    public ErrorDescriptor CircuitOpen { get; }

    public IEnumerable<ErrorDescriptor> All => [Timeout, Unavailable, RateLimited, BadResponse, SignatureInvalid, Rejected, Unauthorized, NotFound, CircuitOpen];

    public static UpstreamErrors For(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!SourcePattern().IsMatch(source))
        {
            throw new ArgumentException($"Upstream source names are lower-case ASCII words: '{source}'.", nameof(source));
        }

        return Cache.GetOrAdd(source, s => new UpstreamErrors(s));
    }

    internal static ErrorDescriptor? TryFindByCode(string code)
    {
        var parts = code.Split('.');
        if (parts.Length != 3 || parts[0] != "upstream" || !SourcePattern().IsMatch(parts[1]))
        {
            return null;
        }

        return For(parts[1]).All.FirstOrDefault(e => e.Code == code);
    }

    private ErrorDescriptor Make(string suffix, int status, string vi, string en) =>
        new($"upstream.{Source}.{suffix}", FaultOrigin.Upstream, status,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, vi, Source),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, en, Source));

    [GeneratedRegex("^[a-z][a-z0-9]*$")]
    private static partial Regex SourcePattern();
}
