using System.Collections;
using System.Reflection;

namespace Lgsp.Hub.Operations.Settings;

internal enum SettingsNodeKind
{
    Leaf,
    Object,
    Dictionary,
    List,
}

/// <summary>
/// One place in a settings document, read by reflection from the options types bound to it: a value of some type, an
/// object with named properties, or a dictionary or list of elements.
/// </summary>
internal sealed record SettingsNode(Type Type, SettingsNodeKind Kind, Dictionary<string, SettingsNode>? Children, SettingsNode? Element, string? Name = null)
{
    /// <summary>The node a key segment leads to: a property by name, or the element of a dictionary or list.</summary>
    public SettingsNode? Child(string segment) => Kind switch
    {
        SettingsNodeKind.Object => Children!.GetValueOrDefault(segment),
        SettingsNodeKind.Dictionary or SettingsNodeKind.List => Element,
        _ => null,
    };

    /// <summary>The root of a document bound to every one of <paramref name="types"/> (their properties merged).</summary>
    public static SettingsNode Root(IEnumerable<Type> types)
    {
        var root = new SettingsNode(typeof(object), SettingsNodeKind.Object, new Dictionary<string, SettingsNode>(StringComparer.OrdinalIgnoreCase), null);
        foreach (var type in types)
        {
            Merge(root, Describe(type, 0));
        }

        return root;
    }

    /// <summary>Every value's path under this node, as the API names it (<c>retry.maxDelay</c>; <c>*</c> for a dictionary's key or a list's index).</summary>
    public IEnumerable<string> LeafPaths(string prefix = "")
    {
        switch (Kind)
        {
            case SettingsNodeKind.Leaf:
                yield return prefix;
                break;
            case SettingsNodeKind.Object:
                foreach (var (key, child) in Children!.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    foreach (var path in child.LeafPaths(Join(prefix, SettingsSchema.CamelCase(child.Name ?? key))))
                    {
                        yield return path;
                    }
                }

                break;
            default:
                foreach (var path in Element!.LeafPaths(Join(prefix, "*")))
                {
                    yield return path;
                }

                break;
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static SettingsNode Describe(Type type, int depth, string? name = null)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 8 || IsLeaf(target))
        {
            return new SettingsNode(target, SettingsNodeKind.Leaf, null, null, name);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() is { } definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
        {
            return new SettingsNode(target, SettingsNodeKind.Dictionary, null, Describe(target.GetGenericArguments()[1], depth + 1), name);
        }

        if (target != typeof(string) && typeof(IEnumerable).IsAssignableFrom(target))
        {
            var element = target.IsArray ? target.GetElementType()! : target.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new SettingsNode(target, SettingsNodeKind.List, null, Describe(element, depth + 1), name);
        }

        var children = new Dictionary<string, SettingsNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in target.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The binder sets writable (or init) properties; computed ones (BaseUri) are not settings.
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            {
                children[property.Name] = Describe(property.PropertyType, depth + 1, property.Name);
            }
        }

        return new SettingsNode(target, SettingsNodeKind.Object, children, null, name);
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static void Merge(SettingsNode into, SettingsNode from)
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
}
