using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>Whether a flat value reads as its setting's type, how that type is named to operators, and its typed JSON.</summary>
internal static class SettingValues
{
    public static bool Converts(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return true;
        }

        if (target.IsEnum)
        {
            return Enum.TryParse(target, value, ignoreCase: true, out _) && !int.TryParse(value, out _);
        }

        try
        {
            return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> must be, in both languages ("một số nguyên" / "a whole number").</summary>
    public static SettingText TypeName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(bool) => new("true hoặc false", "true or false"),
            _ when target == typeof(int) || target == typeof(long) => new("một số nguyên", "a whole number"),
            _ when target == typeof(double) => new("một số", "a number"),
            _ when target == typeof(TimeSpan) => new("một khoảng thời gian dạng hh:mm:ss (ví dụ 00:00:05)", "a duration as hh:mm:ss (e.g. 00:00:05)"),
            _ when target.IsEnum => new($"một trong: {string.Join(", ", Enum.GetNames(target))}", $"one of: {string.Join(", ", Enum.GetNames(target))}"),
            _ => new("một giá trị hợp lệ", "a valid value"),
        };
    }

    /// <summary>A flat value as typed JSON: numbers and booleans as such, anything else as text.</summary>
    public static JsonNode? Typed(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(bool) && bool.TryParse(value, out var b))
        {
            return JsonValue.Create(b);
        }

        if ((target == typeof(int) || target == typeof(long)) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (target == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }
}
