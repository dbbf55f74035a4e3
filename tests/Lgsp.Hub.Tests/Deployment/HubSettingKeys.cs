using System.Reflection;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Deployment;

/// <summary>
/// Whether a configuration key is one the hub reads: a property path under a section the hub binds (every options
/// type with a <c>SectionName</c>, and each adapter's options under <c>Adapters:&lt;Source&gt;</c> as the hub
/// registers them), or one of the few keys ASP.NET Core itself reads that the hub relies on.
/// </summary>
internal static class HubSettingKeys
{
    /// <summary>Keys read by ASP.NET Core and the hub's host by name (Program.cs, ManagementEndpoint, ConfigDirectory).</summary>
    private static readonly string[] HostKeys = ["Logging", "Kestrel", "AllowedHosts", "urls", "Management:Urls", "ConfigDirectory"];

    private static readonly Lazy<IReadOnlyList<UpstreamSettingsType>> AdapterTypes = new(() =>
    {
        // The hub's own registration of its adapters, as Program.cs calls it; only the declarations are read.
        var services = new ServiceCollection();
        services.AddLgspAdapters(new ConfigurationBuilder().Build());
        return [.. services.Select(d => d.ImplementationInstance).OfType<UpstreamSettingsType>()];
    });

    private static readonly Lazy<IReadOnlyList<(string[] Section, Type Type)>> Sections = new(() =>
    {
        var adapters = AdapterTypes.Value.Select(t => t.OptionsType.Assembly);
        return [.. adapters.Append(typeof(Lgsp.Hub.Storage.StorageOptions).Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .Select(t => (((string)t.Field!.GetRawConstantValue()!).Split(':'), t.Type))];
    });

    public static bool Exists(string key)
    {
        var parts = key.Split(':');
        if (HostKeys.Any(h => key.Equals(h, StringComparison.OrdinalIgnoreCase) || key.StartsWith(h + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (parts.Length >= 2 && parts[0].Equals("Adapters", StringComparison.OrdinalIgnoreCase))
        {
            return AdapterTypes.Value.Where(t => t.Source.Equals(parts[1], StringComparison.OrdinalIgnoreCase)).Any(t => Walk(t.OptionsType, parts, 2));
        }

        return Sections.Value.Any(s => s.Section.Length <= parts.Length
            && s.Section.Select((p, i) => p.Equals(parts[i], StringComparison.OrdinalIgnoreCase)).All(x => x)
            && Walk(s.Type, parts, s.Section.Length));
    }

    /// <summary>Every leaf of a JSON settings file as a configuration key (arrays by index) with its value.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Flatten(JsonNode? node, string prefix = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value, prefix.Length == 0 ? p.Key : prefix + ":" + p.Key)),
        JsonArray a => a.SelectMany((item, i) => Flatten(item, prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        null => [KeyValuePair.Create(prefix, (string?)null)],
        _ => [KeyValuePair.Create(prefix, (string?)(node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString()))],
    };

    private static bool Walk(Type type, string[] parts, int at)
    {
        if (at == parts.Length)
        {
            return true;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            return false;
        }

        if ((Generic(type, typeof(IDictionary<,>)) ?? Generic(type, typeof(IReadOnlyDictionary<,>))) is { } dictionary)
        {
            return Walk(dictionary.GetGenericArguments()[1], parts, at + 1);
        }

        if (Generic(type, typeof(IEnumerable<>)) is { } sequence)
        {
            return int.TryParse(parts[at], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                && Walk(sequence.GetGenericArguments()[0], parts, at + 1);
        }

        // The binder sets a value only through a public setter (init included); a get-only property is bound into
        // only when it holds an object or a collection.
        var property = type.GetProperty(parts[at], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null
            && (property.SetMethod is { IsPublic: true } || !IsScalar(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            && Walk(property.PropertyType, parts, at + 1);
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
