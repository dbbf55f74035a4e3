using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// What one runtime-changeable document may hold, read from the options types bound to it (an adapter's
/// <see cref="UpstreamSettingsType"/>s, a client's <see cref="Gateway.ClientAccessRights"/>): every key with its type, so
/// an operator's change is checked key by key (unknown key, value of the wrong type) before it is bound and judged by
/// the very validators that run on start. It also turns the flat keys into typed JSON for the API (numbers, booleans and
/// lists as such) and back.
/// </summary>
internal sealed class SettingsSchema
{
    private readonly Node _root = new(typeof(object), NodeKind.Object, new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase), null);
    private readonly Func<IReadOnlyDictionary<string, string>, IServiceProvider, IEnumerable<string>> _judge;

    /// <param name="judge">The start-up validators' verdict on a candidate document: their failure messages, which name
    /// keys by their full configuration path.</param>
    public SettingsSchema(string kind, string name, IEnumerable<Type> types, Func<IReadOnlyDictionary<string, string>, IServiceProvider, IEnumerable<string>> judge)
    {
        Kind = kind;
        Name = name;
        _judge = judge;
        var all = types.ToList();
        foreach (var type in all)
        {
            Merge(_root, Describe(type, 0));
        }

        ReadOnly = [.. all.SelectMany(DeploymentFixedSettings.KeysOf).Distinct(StringComparer.OrdinalIgnoreCase).Select(Path).Order(StringComparer.Ordinal)];
    }

    /// <summary>The settings the deployment fixes, as the API names them (<c>credentialsSecret</c>): shown, never changed here.</summary>
    public IReadOnlyList<string> ReadOnly { get; }

    public string Kind { get; }

    /// <summary>The source or the client id.</summary>
    public string Name { get; }

    /// <summary>An adapter's section, judged by every options type bound to it and their validators.</summary>
    public static SettingsSchema ForAdapter(string source, IReadOnlyList<UpstreamSettingsType> types) =>
        new(SettingsKinds.Adapter, source, types.Select(t => t.OptionsType), (settings, services) =>
        {
            var section = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>(ConfigurationPath.Combine(SettingsKinds.PathOf(SettingsKinds.Adapter, source), s.Key), s.Value)))
                .Build()
                .GetSection(SettingsKinds.PathOf(SettingsKinds.Adapter, source));
            var validate = typeof(SettingsSchema).GetMethod(nameof(ValidateAs), BindingFlags.NonPublic | BindingFlags.Static)!;
            return types.SelectMany(t => (IEnumerable<string>)validate.MakeGenericMethod(t.OptionsType).Invoke(null, [section, t.OptionsName, services])!).ToList();
        });

    /// <summary>
    /// A client's access rights, judged as part of the whole <c>Gateway</c> section in force (the other clients' rights
    /// as they are) by the gateway's start-up validators; only the problems of this client count.
    /// </summary>
    public static SettingsSchema ForAccessRights(string clientId, RuntimeSettings runtime) =>
        new(SettingsKinds.AccessRights, clientId, [typeof(Gateway.ClientAccessRights)], (settings, services) =>
        {
            var path = SettingsKinds.PathOf(SettingsKinds.AccessRights, clientId);
            var gateway = runtime.Configuration.GetSection(Gateway.GatewayOptions.SectionName).AsEnumerable()
                .Where(k => k.Value is not null && !k.Key.StartsWith(path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
                .Concat(settings.Select(s => KeyValuePair.Create<string, string?>(ConfigurationPath.Combine(path, s.Key), s.Value)));
            var section = new ConfigurationBuilder().AddInMemoryCollection(gateway).Build().GetSection(Gateway.GatewayOptions.SectionName);
            return ValidateAs<Gateway.GatewayOptions>(section, Options.DefaultName, services)
                .Where(f => f.StartsWith(path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
                .ToList();
        });

    /// <summary>Every problem of a candidate section: unknown keys and unreadable values, then, if none, the validators' verdicts.</summary>
    public IReadOnlyList<FieldError> Validate(IReadOnlyDictionary<string, string> settings, IServiceProvider services)
    {
        var errors = new List<FieldError>();
        var readable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            var node = _root;
            var path = new List<string>();
            foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
            {
                path.Add(segment);
                Node? next = node.Child(segment);
                if (next is null || (node.Kind == NodeKind.List && !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    errors.Add(new FieldError(FieldName(path), "setting.unknown",
                        $"'{Name}' không có thiết lập '{string.Join('.', path)}'.", $"'{Name}' has no setting '{string.Join('.', path)}'."));
                    node = null;
                    break;
                }

                node = next;
            }

            if (node is null)
            {
                continue;
            }

            if (node.Kind != NodeKind.Leaf)
            {
                errors.Add(new FieldError(FieldName(path), "setting.type", $"Thiết lập '{string.Join('.', path)}' là một nhóm, không phải một giá trị.",
                    $"The setting '{string.Join('.', path)}' is a group, not a value."));
            }
            else if (!Converts(node.Type, value))
            {
                var typeName = TypeName(node.Type);
                errors.Add(new FieldError(FieldName(path), "setting.type", $"Giá trị của '{string.Join('.', path)}' phải là {typeName.Vi}.",
                    $"The value of '{string.Join('.', path)}' must be {typeName.En}."));
            }
            else
            {
                readable[key] = value;
            }
        }

        // The validators judge the rest, so one answer lists every problem; a key already refused is not judged twice.
        var refused = errors.Select(e => e.Field).ToHashSet(StringComparer.OrdinalIgnoreCase);
        errors.AddRange(_judge(readable, services).Select(ToFieldError).Where(e => !refused.Contains(e.Field)));

        return errors.DistinctBy(e => (e.Field, e.MessageEn)).ToList();
    }

    /// <summary>Flat keys → typed JSON (camelCase names, numbers and booleans as such, dictionary keys as written).</summary>
    public JsonObject ToJson(IReadOnlyDictionary<string, string> settings)
    {
        var json = new JsonObject();
        foreach (var (key, value) in settings.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            var segments = key.Split(ConfigurationPath.KeyDelimiter);
            var node = _root;
            JsonObject target = json;
            for (var i = 0; i < segments.Length; i++)
            {
                var inObject = node?.Kind is NodeKind.Object or null;
                var name = inObject ? CamelCase(node?.Children?.GetValueOrDefault(segments[i]) is { } known ? known.Name ?? segments[i] : segments[i]) : segments[i];
                node = node?.Child(segments[i]);
                if (i == segments.Length - 1)
                {
                    target[name] = Typed(node?.Kind == NodeKind.Leaf ? node.Type : typeof(string), value);
                }
                else
                {
                    if (target[name] is not JsonObject child)
                    {
                        target[name] = child = new JsonObject();
                    }

                    target = child;
                }
            }
        }

        return (JsonObject)Shape(json, _root);
    }

    /// <summary>Lists come out of flat keys as objects keyed 0, 1, …: make them arrays again.</summary>
    private static JsonNode Shape(JsonNode node, Node? schema)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        if (schema?.Kind == NodeKind.List)
        {
            var items = obj.OrderBy(p => int.TryParse(p.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
                .Select(p => p.Value is null ? null : Shape(p.Value.DeepClone(), schema.Element)).ToArray();
            return new JsonArray(items);
        }

        var shaped = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var child = schema?.Child(key);
            shaped[key] = value is null ? null : Shape(value.DeepClone(), child);
        }

        return shaped;
    }

    /// <summary>
    /// <paramref name="settings"/> with a JSON merge patch (RFC 7396) applied: null removes a key and everything under
    /// it, an object merges, any other value replaces. Names match case-insensitively; known ones take the options'
    /// own spelling so the stored keys read like the configuration files.
    /// </summary>
    public Dictionary<string, string> Patch(IReadOnlyDictionary<string, string> settings, JsonObject patch)
    {
        var result = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        Apply(result, patch, [], _root);
        return result;
    }

    private static void Apply(Dictionary<string, string> result, JsonObject patch, List<string> prefix, Node? node)
    {
        foreach (var (name, value) in patch)
        {
            var child = node?.Child(name);
            var path = new List<string>(prefix) { node?.Kind == NodeKind.Object && child?.Name is { } own ? own : name };
            var key = string.Join(ConfigurationPath.KeyDelimiter, path);
            if (value is JsonObject inner)
            {
                if (result.ContainsKey(key))
                {
                    result.Remove(key); // a value replaced by a group
                }

                Apply(result, inner, path, child);
                continue;
            }

            Remove(result, key);
            switch (value)
            {
                case null:
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } item)
                        {
                            result[key + ConfigurationPath.KeyDelimiter + i.ToString(CultureInfo.InvariantCulture)] = Text(item);
                        }
                    }

                    break;
                default:
                    result[key] = Text(value);
                    break;
            }
        }
    }

    private static void Remove(Dictionary<string, string> settings, string key)
    {
        foreach (var existing in settings.Keys.Where(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(key + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            settings.Remove(existing);
        }
    }

    private static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static IEnumerable<string> ValidateAs<T>(IConfigurationSection section, string name, IServiceProvider services)
        where T : class
    {
        var instance = (T)Activator.CreateInstance(typeof(T))!;
        try
        {
            section.Bind(instance);
        }
        catch (InvalidOperationException ex)
        {
            return [ex.Message];
        }

        return services.GetServices<IValidateOptions<T>>()
            .Select(v => v.Validate(name, instance))
            .Where(r => r.Failed)
            .SelectMany(r => r.Failures ?? [r.FailureMessage ?? "invalid"]);
    }

    /// <summary>"Adapters:business:Retry:MaxDelay must be …" → field <c>retry.maxDelay</c>, the English text without the section.</summary>
    private FieldError ToFieldError(string failure)
    {
        var prefix = SettingsKinds.PathOf(Kind, Name) + ConfigurationPath.KeyDelimiter;
        var text = failure.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? failure[prefix.Length..] : failure;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var key = (space > 0 ? text[..space] : text).TrimEnd(':', '.');
        var known = space > 0 && !key.Contains('\'', StringComparison.Ordinal);
        var field = known ? FieldName(key.Split(ConfigurationPath.KeyDelimiter)) : string.Empty;
        var english = known ? $"{key.Replace(':', '.')}{text[space..]}" : text;
        var reason = english.Contains("AllowedUpstreamHosts", StringComparison.Ordinal) ? "setting.host_not_allowed" : "setting.invalid";
        var name = known ? key.Replace(':', '.') : Name;
        var vietnamese = reason == "setting.host_not_allowed"
            ? english.Contains(" resolves to ", StringComparison.Ordinal)
                ? $"Máy chủ của {name} trỏ tới một địa chỉ loopback, link-local hoặc nội bộ không nằm trong danh sách được phép (Operations:AllowedUpstreamHosts); muốn dùng phải liệt kê dải địa chỉ đó (ví dụ 127.0.0.0/8)."
                : $"Máy chủ của {name} không nằm trong danh sách máy chủ được phép (Operations:AllowedUpstreamHosts)."
            : known && Vietnamese(text[(space + 1)..]) is { } translated ? $"{name} {translated}" : $"Thiết lập {name} không hợp lệ: {english}";
        return new FieldError(field, reason, vietnamese, english);
    }

    /// <summary>The Vietnamese of the start-up validators' usual rules (their own messages are English).</summary>
    private static string? Vietnamese(string english)
    {
        string? known = english switch
        {
            "must be an absolute http or https URL." => "phải là một địa chỉ http hoặc https tuyệt đối (không có truy vấn hay phân đoạn).",
            "must be between 10 ms and 1 day." => "phải nằm trong khoảng từ 10 ms đến 1 ngày.",
            "must be between 500 ms and 1 day." => "phải nằm trong khoảng từ 500 ms đến 1 ngày.",
            "must be between 0 and 1 day." => "phải nằm trong khoảng từ 0 đến 1 ngày.",
            "must not exceed TotalTimeout." => "không được dài hơn TotalTimeout (thời gian chờ cả lượt gọi).",
            "must be at least BaseDelay and at most 1 day." => "phải từ BaseDelay trở lên và không quá 1 ngày.",
            "must be Constant, Linear or Exponential." => "phải là Constant, Linear hoặc Exponential.",
            "must be at least 0 and shorter than TotalTimeout." => "phải từ 0 trở lên và ngắn hơn TotalTimeout.",
            "must be between 1024 and 1073741824 bytes." => "phải nằm trong khoảng từ 1024 đến 1073741824 byte.",
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }

        if (english.StartsWith("must be the name of an environment variable", StringComparison.Ordinal))
        {
            return "phải là tên của biến môi trường hoặc bí mật chứa thông tin xác thực (chữ, số, dấu gạch dưới), không bao giờ là chính thông tin xác thực.";
        }

        var range = System.Text.RegularExpressions.Regex.Match(english, @"^The field \w+ must be between (\S+) and (\S+)\.$");
        return range.Success ? $"phải nằm trong khoảng từ {range.Groups[1].Value} đến {range.Groups[2].Value}." : null;
    }

    /// <summary>A flat key as the API names it: <c>Retry:MaxDelay</c> → <c>retry.maxDelay</c>.</summary>
    public string Path(string key) => FieldName(key.Split(ConfigurationPath.KeyDelimiter));

    private string FieldName(IEnumerable<string> path)
    {
        var node = _root;
        var names = new List<string>();
        foreach (var segment in path)
        {
            var child = node?.Child(segment);
            names.Add(node?.Kind is NodeKind.Object or null ? CamelCase(child?.Name ?? segment) : segment);
            node = child;
        }

        return string.Join('.', names);
    }

    private static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static JsonNode? Typed(Type type, string value)
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

    private static bool Converts(Type type, string value)
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

    private static (string Vi, string En) TypeName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(bool) => ("true hoặc false", "true or false"),
            _ when target == typeof(int) || target == typeof(long) => ("một số nguyên", "a whole number"),
            _ when target == typeof(double) => ("một số", "a number"),
            _ when target == typeof(TimeSpan) => ("một khoảng thời gian dạng hh:mm:ss (ví dụ 00:00:05)", "a duration as hh:mm:ss (e.g. 00:00:05)"),
            _ when target.IsEnum => ($"một trong: {string.Join(", ", Enum.GetNames(target))}", $"one of: {string.Join(", ", Enum.GetNames(target))}"),
            _ => ("một giá trị hợp lệ", "a valid value"),
        };
    }

    private static Node Describe(Type type, int depth, string? name = null)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 8 || IsLeaf(target))
        {
            return new Node(target, NodeKind.Leaf, null, null, name);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() is { } definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
        {
            return new Node(target, NodeKind.Dictionary, null, Describe(target.GetGenericArguments()[1], depth + 1), name);
        }

        if (target != typeof(string) && typeof(IEnumerable).IsAssignableFrom(target))
        {
            var element = target.IsArray ? target.GetElementType()! : target.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new Node(target, NodeKind.List, null, Describe(element, depth + 1), name);
        }

        var children = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in target.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The binder sets writable (or init) properties; computed ones (BaseUri) are not settings.
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            {
                children[property.Name] = Describe(property.PropertyType, depth + 1, property.Name);
            }
        }

        return new Node(target, NodeKind.Object, children, null, name);
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static void Merge(Node into, Node from)
    {
        if (into.Children is null || from.Children is null)
        {
            return;
        }

        foreach (var (key, child) in from.Children)
        {
            if (into.Children.TryGetValue(key, out var existing))
            {
                Merge(existing, child);
            }
            else
            {
                into.Children[key] = child;
            }
        }
    }

    private enum NodeKind
    {
        Leaf,
        Object,
        Dictionary,
        List,
    }

    private sealed record Node(Type Type, NodeKind Kind, Dictionary<string, Node>? Children, Node? Element, string? Name = null)
    {
        /// <summary>The node a key segment leads to: a property by name, or the element of a dictionary or list.</summary>
        public Node? Child(string segment) => Kind switch
        {
            NodeKind.Object => Children!.GetValueOrDefault(segment),
            NodeKind.Dictionary or NodeKind.List => Element,
            _ => null,
        };
    }
}
