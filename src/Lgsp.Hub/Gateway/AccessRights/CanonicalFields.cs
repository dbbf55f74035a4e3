using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;

namespace Lgsp.Hub.Gateway.AccessRights;

/// <summary>
/// The canonical records' field paths (camelCase, as in the JSON packet: <c>name.full</c>,
/// <c>representatives.fullName</c>; a list's path goes through to its items) and the narrowing of a body to an
/// allowed set. Read from the record types themselves, so a field added to a canonical record is known here at once.
/// </summary>
internal static class CanonicalFields
{
    // First: the tables below are built from it (static initialisers run in order).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FrozenDictionary<string, Member>> MemberCache = new();

    private static readonly FrozenDictionary<string, Type[]> BodiesBySource = new Dictionary<string, Type[]>(StringComparer.Ordinal)
    {
        [SourceNames.Population] = [typeof(Citizen), typeof(CitizenVerification)],
        [SourceNames.Business] = [typeof(Enterprise)],
        [SourceNames.Land] = [typeof(LandParcel)],
        [SourceNames.Insurance] = [typeof(SocialInsuranceRecord)],
        // Paths name a registration's fields; a list of registrations is narrowed item by item.
        [SourceNames.CivilRegistry] = [typeof(CivilRegistration)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FrozenSet<string>> PathsBySource = BodiesBySource.ToFrozenDictionary(
        p => p.Key,
        p => p.Value.SelectMany(t => PathsOf(t, string.Empty)).ToFrozenSet(StringComparer.Ordinal),
        StringComparer.Ordinal);

    /// <summary>Every path a client's <c>Fields</c> may name for <paramref name="source"/>.</summary>
    public static IReadOnlySet<string> PathsFor(string source) =>
        PathsBySource.TryGetValue(source, out var paths) ? paths : FrozenSet<string>.Empty;

    /// <summary>
    /// A copy of <paramref name="packet"/> whose body keeps only <paramref name="allowed"/>, the body's required members
    /// and the required members of every kept object (the packet schema needs them). The result is read back through
    /// <see cref="PacketJson.Read(ReadOnlyMemory{byte})"/>, so it is a valid packet of the same body type.
    /// </summary>
    public static Packet Narrow(Packet packet, FieldSelection allowed)
    {
        var root = JsonNode.Parse(PacketJson.ToUtf8Bytes(packet))!.AsObject();
        var bodyName = PacketBodies.NameOf(packet.Body);
        var body = root["body"]![bodyName]!.AsObject();
        if (packet.Body is CivilRegistrationList)
        {
            foreach (var item in body["registrations"]!.AsArray())
            {
                Filter(item!.AsObject(), typeof(CivilRegistration), allowed);
            }
        }
        else
        {
            Filter(body, packet.Body.GetType(), allowed);
        }

        return PacketJson.Read(JsonSerializer.SerializeToUtf8Bytes(root));
    }

    private static void Filter(JsonObject json, Type type, FieldSelection allowed)
    {
        var members = Members(type);
        foreach (var name in json.Select(p => p.Key).ToList())
        {
            if (!members.TryGetValue(name, out var member))
            {
                json.Remove(name);
                continue;
            }

            var selected = allowed.Child(name, out var whole);
            if (whole)
            {
                continue;
            }

            if (selected is null && !member.Required)
            {
                json.Remove(name);
                continue;
            }

            // Kept because required, or partly selected: go down into objects and lists of objects.
            if (member.ElementType is { } nested)
            {
                var inner = selected ?? FieldSelection.None;
                switch (json[name])
                {
                    case JsonObject child:
                        Filter(child, nested, inner);
                        break;
                    case JsonArray items:
                        foreach (var item in items.OfType<JsonObject>())
                        {
                            Filter(item, nested, inner);
                        }

                        break;
                }
            }
        }
    }

    private static IEnumerable<string> PathsOf(Type type, string prefix)
    {
        foreach (var (name, member) in Members(type))
        {
            var path = prefix + name;
            yield return path;
            if (member.ElementType is { } nested)
            {
                foreach (var inner in PathsOf(nested, path + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    private static FrozenDictionary<string, Member> Members(Type type) => MemberCache.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetMethod is not null && p.DeclaringType != typeof(PacketBody) && p.Name != "EqualityContract")
        .ToFrozenDictionary(
            p => JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            p => new Member(p.GetCustomAttribute<RequiredMemberAttribute>() is not null, NestedRecord(p.PropertyType)),
            StringComparer.Ordinal));

    /// <summary>The canonical record type inside a property (itself, or a list's items), or null for a leaf.</summary>
    private static Type? NestedRecord(Type type)
    {
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
        return element.IsClass && element != typeof(string) && element.Namespace is "Lgsp.Core.Lookups" or "Lgsp.Core.Packets" ? element : null;
    }

    private sealed record Member(bool Required, Type? ElementType);
}

/// <summary>A set of allowed field paths as a tree: a path names its whole subtree.</summary>
internal sealed class FieldSelection
{
    public static readonly FieldSelection None = new();

    private readonly Dictionary<string, FieldSelection?> _children = new(StringComparer.Ordinal);

    public static FieldSelection Parse(IEnumerable<string> paths)
    {
        var root = new FieldSelection();
        foreach (var path in paths)
        {
            var node = root;
            var segments = path.Split('.');
            for (var i = 0; i < segments.Length; i++)
            {
                var last = i == segments.Length - 1;
                if (node._children.TryGetValue(segments[i], out var existing) && existing is null)
                {
                    break; // an ancestor already allows the whole subtree
                }

                if (last)
                {
                    node._children[segments[i]] = null;
                    break;
                }

                if (existing is null)
                {
                    existing = new FieldSelection();
                    node._children[segments[i]] = existing;
                }

                node = existing;
            }
        }

        return root;
    }

    /// <summary>The selection below <paramref name="name"/>; <paramref name="whole"/> when the whole subtree is allowed.</summary>
    public FieldSelection? Child(string name, out bool whole)
    {
        if (_children.TryGetValue(name, out var child))
        {
            whole = child is null;
            return child;
        }

        whole = false;
        return null;
    }
}
