namespace Lgsp.Core.Catalogue;

/// <summary>
/// The national catalogue of administrative procedures (thủ tục hành chính), agencies and fields, as the national
/// public-service portal (DVCQG) publishes it. The hub keeps a local copy refreshed on a schedule and validates the
/// procedure codes it is given (a lookup's purpose, a dossier's procedure) against it.
/// </summary>
public interface IProcedureCatalogueSource
{
    /// <summary>Every national procedure (<c>LayDanhSachTTHC</c>).</summary>
    /// <exception cref="Errors.LgspException"><c>upstream.dvcqg.*</c> when the portal cannot give it.</exception>
    Task<IReadOnlyList<CatalogueProcedure>> ListProceduresAsync(CancellationToken cancellationToken);

    /// <summary>Every agency (<c>LayDanhMucCoQuan</c>).</summary>
    Task<IReadOnlyList<CatalogueAgency>> ListAgenciesAsync(CancellationToken cancellationToken);

    /// <summary>Every field of procedures (<c>LayDanhMucLinhVuc</c>).</summary>
    Task<IReadOnlyList<CatalogueField>> ListFieldsAsync(CancellationToken cancellationToken);
}

/// <summary>A national procedure: its code (<c>1.001193</c>) and name.</summary>
public sealed record CatalogueProcedure(string Code, string Name);

/// <summary>An agency: its code (<c>000.00.00.H56</c>), name and level (<c>CAPDONVI</c>, as the portal writes it).</summary>
public sealed record CatalogueAgency(string Code, string Name, string? Level);

/// <summary>A field of procedures (lĩnh vực): its code and name.</summary>
public sealed record CatalogueField(string Code, string Name);
