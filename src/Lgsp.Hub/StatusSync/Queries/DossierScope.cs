using System.Linq.Expressions;
using System.Reflection;
using Lgsp.Core.Codes;
using Lgsp.Hub.StatusSync.Storage;

namespace Lgsp.Hub.StatusSync.Queries;

/// <summary>
/// The dossiers one client may read: those whose receiving agency is one of its <c>DossierAgencies</c> or a unit
/// under one (the agency path <c>H56.14.03</c> is under <c>H56.14</c> and <c>H56</c>). No agency, no dossier.
/// </summary>
internal sealed class DossierScope
{
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    private readonly string[] _paths;

    public DossierScope(IEnumerable<AgencyCode> agencies) => _paths = [.. agencies.Select(a => a.ShortForm).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether a dossier of the agency with this path (<see cref="AgencyCode.ShortForm"/>) is in scope.</summary>
    public bool Covers(string agencyPath) =>
        _paths.Any(p => string.Equals(agencyPath, p, StringComparison.Ordinal) || agencyPath.StartsWith(p + ".", StringComparison.Ordinal));

    /// <summary>Whether any dossier of the agency with this path or of a unit under it may be in scope (aggregates: 766 indicators).</summary>
    public bool Reaches(string agencyPath) =>
        Covers(agencyPath) || _paths.Any(p => p.StartsWith(agencyPath + ".", StringComparison.Ordinal));

    /// <summary>The same test for a query: <c>path = p OR path LIKE 'p.%'</c> for each agency, false when there is none.</summary>
    public Expression<Func<DossierRecord, bool>> Predicate()
    {
        var dossier = Expression.Parameter(typeof(DossierRecord), "d");
        var path = Expression.Property(dossier, nameof(DossierRecord.AgencyPath));
        Expression body = Expression.Constant(false);
        foreach (var p in _paths)
        {
            body = Expression.OrElse(body, Expression.OrElse(
                Expression.Equal(path, Expression.Constant(p)),
                Expression.Call(path, StartsWith, Expression.Constant(p + "."))));
        }

        return Expression.Lambda<Func<DossierRecord, bool>>(body, dossier);
    }
}
