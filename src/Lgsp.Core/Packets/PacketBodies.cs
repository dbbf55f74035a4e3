using System.Collections.Frozen;
using Lgsp.Core.Lookups;

namespace Lgsp.Core.Packets;

/// <summary>
/// The closed set of body types and their names: <c>citizenVerification</c> in JSON is
/// <c>&lt;CitizenVerification&gt;</c> in XML. The order here is the order of the schemas' choices.
/// </summary>
public static class PacketBodies
{
    private static readonly (string Name, Type Type)[] Known =
    [
        ("citizenVerification", typeof(CitizenVerification)),
        ("dossierProgress", typeof(DossierProgress)),
        ("fault", typeof(Fault)),
        ("citizen", typeof(Citizen)),
        ("enterprise", typeof(Enterprise)),
        ("landParcel", typeof(LandParcel)),
        ("socialInsuranceRecord", typeof(SocialInsuranceRecord)),
        ("civilRegistration", typeof(CivilRegistration)),
        ("civilRegistrationList", typeof(CivilRegistrationList)),
    ];

    private static readonly FrozenDictionary<string, Type> ByName = Known.ToFrozenDictionary(k => k.Name, k => k.Type, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, string> ByType = Known.ToFrozenDictionary(k => k.Type, k => k.Name);

    /// <summary>Every body name, as JSON spells it.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    public static string NameOf(PacketBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ByType.TryGetValue(body.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{body.GetType().Name} is not registered in {nameof(PacketBodies)}.");
    }

    public static bool TryGetType(string name, out Type type) => ByName.TryGetValue(name, out type!);
}
