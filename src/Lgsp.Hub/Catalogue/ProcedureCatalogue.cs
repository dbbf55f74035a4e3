using System.Collections.Frozen;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Hub.Catalogue;

/// <summary>
/// The national procedure codes of the hub's copy, in memory, replaced whole after each successful refresh (or load
/// from the database at start). Before the first copy exists (<see cref="HasCopy"/> false) codes are judged by form and
/// access rights only, as before the catalogue existed: a hub must not refuse all traffic because DVCQG was
/// unreachable the first time it started. Once a copy exists it stays in force until a newer one replaces it.
/// </summary>
internal sealed class ProcedureCatalogue
{
    public static readonly FieldError UnknownProcedureField = new("", "procedure.unknown",
        "Mã thủ tục không có trong danh mục thủ tục hành chính quốc gia.", "The procedure code is not in the national catalogue.");

    private volatile FrozenSet<string>? _codes;

    public bool HasCopy => _codes is not null;

    public int Count => _codes?.Count ?? 0;

    public void Replace(IEnumerable<string> nationalCodes) => _codes = nationalCodes.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Known (a local code by its national code), or no copy yet.</summary>
    public bool Accepts(ProcedureCode code) => _codes is not { } codes || codes.Contains(code.NationalCode);

    public bool Accepts(string nationalCode) => _codes is not { } codes || codes.Contains(nationalCode);

    /// <exception cref="LgspException"><c>client.unknown_procedure</c> naming the field.</exception>
    public void Require(ProcedureCode code, string field)
    {
        if (!Accepts(code))
        {
            var error = UnknownProcedureField.WithField(field);
            throw new LgspException(ErrorCatalogue.UnknownProcedure, new($"{field}: thủ tục {code.Value} không có trong danh mục quốc gia.", $"{field}: procedure {code.Value} is not in the national catalogue."), [error]);
        }
    }
}
