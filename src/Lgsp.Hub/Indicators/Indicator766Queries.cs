using Lgsp.Core.Codes;
using Lgsp.Core.Time;
using Lgsp.Hub.Indicators.Storage;
using Lgsp.Hub.StatusSync.Queries;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Indicators;

/// <summary>
/// The 766 figures of an agency and its units for a period, from the counters alone (one indexed read of the
/// agency's counter rows up to the period's end; never the dossiers).
/// </summary>
internal sealed class Indicator766Queries(IDbContextFactory<HubDbContext> contexts, TimeProvider time, IOptionsMonitor<Indicator766Options> options)
{
    public async Task<Indicator766Report> ReportAsync(AgencyCode agency, Indicator766Period period, DossierScope scope, CancellationToken ct)
    {
        var path = agency.ShortForm;
        var rows = (await LoadAsync(path, period.To, ct)).Where(r => scope.Covers(r.AgencyPath)).ToList();
        var weights = options.CurrentValue;
        var today = VietnamTime.Today(time);
        var reference = today < period.LastDay ? today : period.LastDay;
        var referenceDay = Indicator766Key.DayOf(reference);

        Indicator766Figures Figures(IEnumerable<Indicator766Counter> subset) =>
            Indicator766Calculator.Figures(subset, period.From, period.To, referenceDay, weights);

        var units = UnitsUnder(path, rows.Select(r => r.AgencyPath))
            .Select(unit =>
            {
                var code = AgencyCode.Parse(unit);
                return new Indicator766UnitRow(code.Value, unit, code.Parent?.Value, code.Level, Figures(rows.Where(r => Under(r.AgencyPath, unit))));
            })
            .ToList();
        var procedures = rows.GroupBy(r => (r.ProcedureCode, r.FieldCode))
            .OrderBy(g => g.Key.ProcedureCode, StringComparer.Ordinal).ThenBy(g => g.Key.FieldCode, StringComparer.Ordinal)
            .Select(g => new Indicator766ProcedureRow(g.Key.ProcedureCode, g.Key.FieldCode, Figures(g)))
            .ToList();
        var fields = rows.GroupBy(r => r.FieldCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Indicator766FieldRow(g.Key, Figures(g)))
            .ToList();
        var months = period.Months()
            .Select(month =>
            {
                var last = new DateOnly(month / 100, month % 100, 1).AddMonths(1).AddDays(-1);
                var day = Indicator766Key.DayOf(today < last ? today : last);
                return new Indicator766MonthRow(Indicator766Period.MonthLabel(month), Indicator766Calculator.Figures(rows, month, month, day, weights));
            })
            .ToList();

        return new Indicator766Report(agency.Value, path, period.Label, Indicator766Period.MonthLabel(period.From), Indicator766Period.MonthLabel(period.To),
            reference, Figures(rows), units, procedures, fields, months);
    }

    /// <summary>The counter rows of the agency and its units up to a month (open and paused dossiers carry over from earlier months).</summary>
    /// <param name="path">The agency's short form; null for every agency.</param>
    internal async Task<List<Indicator766Counter>> LoadAsync(string? path, int toMonth, CancellationToken ct)
    {
        var below = path + ".";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Set<Indicator766Counter>().AsNoTracking().Where(c => c.Month <= toMonth && c.Count != 0);
        if (path is not null)
        {
            rows = rows.Where(c => c.AgencyPath == path || c.AgencyPath.StartsWith(below));
        }

        return await rows.ToListAsync(ct);
    }

    internal static bool Under(string path, string unit) =>
        string.Equals(path, unit, StringComparison.Ordinal) || path.StartsWith(unit + ".", StringComparison.Ordinal);

    /// <summary>Every unit strictly under <paramref name="root"/> that has rows, with the units between it and the root, top-down.</summary>
    private static IEnumerable<string> UnitsUnder(string root, IEnumerable<string> paths)
    {
        var units = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            for (var unit = path; unit.Length > root.Length; unit = unit[..unit.LastIndexOf('.')])
            {
                units.Add(unit);
            }
        }

        return units;
    }
}
