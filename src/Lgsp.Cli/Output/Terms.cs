using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Lgsp.Cli.Output;

/// <summary>
/// The one table of Vietnamese names for the values of the control API's contract that a table prints (kinds,
/// circuit states, origins, history actions, client types, grant types, destinations, event types, sources). Human
/// output shows <c>tiếng Việt / raw value</c>, so the value an operator types or greps for stays visible; <c>--json</c>
/// never goes through here. A value not in the table is printed as the hub sent it.
/// </summary>
internal static class Terms
{
    /// <summary>Which field a value belongs to: the same word can mean different things in two fields.</summary>
    internal enum Of
    {
        Kind,
        Circuit,
        Origin,
        Action,
        ClientType,
        GrantType,
        Destination,
        EventType,
        ReplayState,
        Source,
        Purpose,
    }

    internal static readonly FrozenDictionary<(Of Field, string Value), string> Vietnamese = new Dictionary<(Of, string), string>
    {
        [(Of.Kind, "lookup")] = "tra cứu",
        [(Of.Kind, "sync")] = "đồng bộ",

        // In plain words: a circuit that is "closed" lets calls through.
        [(Of.Circuit, "closed")] = "bình thường",
        [(Of.Circuit, "open")] = "đang ngắt, tạm ngừng gọi",
        [(Of.Circuit, "half-open")] = "đang gọi thử lại",
        [(Of.Circuit, "isolated")] = "bị cô lập",
        [(Of.Circuit, "unknown")] = "chưa rõ",

        [(Of.Origin, "files")] = "tệp cấu hình",
        [(Of.Origin, "operator")] = "người vận hành",

        [(Of.Action, "change")] = "thay đổi",
        [(Of.Action, "enable")] = "bật",
        [(Of.Action, "disable")] = "tắt",
        [(Of.Action, "rollback")] = "khôi phục",
        [(Of.Action, "on")] = "bật bảo trì",
        [(Of.Action, "off")] = "tắt bảo trì",
        [(Of.Action, "files")] = "tệp cấu hình",

        [(Of.ClientType, "confidential")] = "bảo mật (có khóa bí mật)",
        [(Of.ClientType, "public")] = "công khai",

        [(Of.GrantType, "authorization_code")] = "đăng nhập người dùng",
        [(Of.GrantType, "client_credentials")] = "hệ thống tự gọi",
        [(Of.GrantType, "refresh_token")] = "gia hạn phiên",

        [(Of.Destination, "dvcqg")] = "Cổng DVCQG",
        [(Of.Destination, "provincial")] = "một cửa tỉnh",

        [(Of.EventType, "dossier.updated.v1")] = "cập nhật hồ sơ",
        [(Of.EventType, "dossier.status-changed.v1")] = "đổi trạng thái hồ sơ",

        [(Of.ReplayState, "replayed")] = "đã xếp gửi lại",

        [(Of.Source, "business")] = "CSDL đăng ký doanh nghiệp",
        [(Of.Source, "population")] = "CSDL dân cư",
        [(Of.Source, "land")] = "CSDL đất đai",
        [(Of.Source, "insurance")] = "CSDL bảo hiểm xã hội",
        [(Of.Source, "civilregistry")] = "CSDL hộ tịch",
        [(Of.Source, "dvcqg")] = "Cổng DVCQG",
        [(Of.Source, "provincial")] = "một cửa tỉnh",

        [(Of.Purpose, "*")] = "mọi mục đích",
    }.ToFrozenDictionary();

    /// <summary><c>tiếng Việt / value</c> when the table knows the value, else the value as <see cref="Show.Value"/> prints it.</summary>
    public static string Name(Of field, JsonNode? node) => Name(field, Show.Value(node));

    public static string Name(Of field, string value) =>
        Vietnamese.TryGetValue((field, value), out var vi) ? $"{vi} / {value}" : value;

    /// <summary>A list (purposes, grant types) with each known value named.</summary>
    public static IEnumerable<string> Names(Of field, JsonNode? node) =>
        node is JsonArray list ? list.Select(v => Name(field, v)) : [Name(field, node)];
}
