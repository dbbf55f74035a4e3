using System.Text;
using System.Text.Json;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Packets;

/// <summary>The precise reasons a packet is refused (reported under <c>client.invalid_packet</c>).</summary>
internal static class PacketErrors
{
    /// <summary>The detail of a refused packet: the one problem's message, or how many there are.</summary>
    public static LocalizedText Summary(IReadOnlyList<FieldError> errors) => errors.Count == 1
        ? errors[0].Message
        : new($"Gói tin có {errors.Count} lỗi.", $"{errors.Count} problems in the packet.");

    public static FieldError Malformed(string field, string detail) =>
        new(field, "packet.malformed", "Gói tin không đúng cấu trúc: " + detail, "The packet is malformed: " + detail);

    public static FieldError Missing(string field) =>
        new(field, "packet.missing", "Thiếu trường bắt buộc.", "A required field is missing.");

    public static FieldError UnknownMember(string field) =>
        new(field, "packet.unknown_member", "Trường không có trong chuẩn gói tin.", "The field is not part of the packet standard.");

    public static FieldError UnsupportedVersion(string field) =>
        new(field, "packet.version", "Phiên bản gói tin không được hỗ trợ (chỉ nhận 1.0).", "Unsupported packet version (only 1.0).");

    public static FieldError BodyCount(string field, int count) =>
        new(field, "packet.body_count",
            $"Phần thân gói tin phải có đúng một nội dung (có {count}).",
            $"The body must hold exactly one typed content (found {count}).");

    public static FieldError UnknownBody(string field, string name) =>
        new(field, "packet.unknown_body", $"Loại nội dung '{name}' không được hỗ trợ.", $"The body type '{name}' is not supported.");

    public static FieldError TooLarge(int maxBytes) =>
        new("", "packet.too_large",
            $"Gói tin vượt quá kích thước cho phép ({maxBytes} byte).",
            $"The packet exceeds the maximum size ({maxBytes} bytes).");

    public static FieldError NotVietnamTime(string field) =>
        new(field, "packet.time_offset",
            "Thời điểm phải theo giờ Việt Nam (+07:00).",
            "Instants must be in Vietnam time (+07:00).");

    public static FieldError NotCanonical(string field, string canonical) =>
        new(field, "packet.not_canonical",
            $"Mã phải ở dạng chuẩn: {canonical}.",
            $"The code must be in its canonical form: {canonical}.");

    public static FieldError IdMismatch(string field) =>
        new(field, "packet.id_mismatch",
            "Thuộc tính Id của gói tin phải là 'pkt-' + MessageId.",
            "The packet's Id attribute must be 'pkt-' + MessageId.");

    public static FieldError Schema(string field, string detail) =>
        new(field, "packet.schema", "Gói tin không khớp lược đồ: " + detail, "The packet does not match the schema: " + detail);

    /// <summary><c>$.header.sender</c> or <c>$.steps[1].actor</c> → <c>/header/sender</c>, <c>/steps/1/actor</c>.</summary>
    public static string PointerFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var part in path.TrimStart('$').Split(['.', '['], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(part.TrimEnd(']').Trim('\''));
        }

        return builder.ToString();
    }
}

/// <summary>A converter's precise refusal, carried through System.Text.Json (which adds where it happened).</summary>
internal sealed class PacketFieldException : JsonException
{
    public PacketFieldException(FieldError error)
        : base(error.MessageEn) => Error = error;

    public PacketFieldException()
        : this(PacketErrors.Malformed("", "invalid value"))
    {
    }

    public PacketFieldException(string message)
        : this(PacketErrors.Malformed("", message))
    {
    }

    public PacketFieldException(string message, Exception innerException)
        : base(message, innerException) => Error = PacketErrors.Malformed("", message);

    public FieldError Error { get; }
}
