using System.Text;
using Lgsp.Core.Dossiers;
using Lgsp.Hub.StatusSync.Storage;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Indicators.Storage;

/// <summary>
/// Moves the 766 counters with a dossier change, inside the ingestion's transaction (the dossier rows are locked
/// by then): for every dossier written, the counters it was in (its stored <see cref="Indicator766Fact"/>) lose one
/// and the counters it is in now gain one, summed per counter first. Unchanged contributions write nothing. Two
/// statements at most (facts, counters; more only past a statement's parameter limit), each an upsert that adds to
/// what is stored, so concurrent writers of the same counter never lose a count.
/// </summary>
internal static class Indicator766CounterWriter
{
    private const int RowsPerStatement = 2_000;

    public static async Task ApplyAsync(HubDbContext db, WritePlan plan, CancellationToken ct)
    {
        var rows = plan.NewDossiers.Concat(plan.ChangedDossiers).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var codes = rows.Select(r => r.Code).ToArray();
        var stored = plan.NewDossiers.Count == rows.Count
            ? []
            : await db.Set<Indicator766Fact>().AsNoTracking().Where(f => codes.Contains(f.DossierCode)).ToDictionaryAsync(f => f.DossierCode, StringComparer.Ordinal, ct);

        var facts = new List<Indicator766Fact>();
        var deltas = new Dictionary<(string Path, string Procedure, string Field, Indicator766Key Key), long>();
        foreach (var row in rows)
        {
            var dossier = DossierJson.DeserializeDossier(Encoding.UTF8.GetBytes(row.Document));
            var fact = new Indicator766Fact
            {
                DossierCode = row.Code,
                AgencyPath = row.AgencyPath,
                ProcedureCode = row.ProcedureCode,
                FieldCode = dossier.Procedure.FieldCode ?? string.Empty,
                Keys = string.Join(';', Indicator766Facts.Of(dossier)),
            };
            stored.TryGetValue(row.Code, out var old);
            if (old is not null && Same(old, fact))
            {
                continue;
            }

            if (old is not null)
            {
                Add(deltas, old, -1);
            }

            Add(deltas, fact, +1);
            facts.Add(fact);
        }

        await WriteFactsAsync(db, facts, ct);
        await WriteDeltasAsync(db, [.. deltas.Where(d => d.Value != 0)], ct);
    }

    private static bool Same(Indicator766Fact a, Indicator766Fact b) =>
        a.AgencyPath == b.AgencyPath && a.ProcedureCode == b.ProcedureCode && a.FieldCode == b.FieldCode && a.Keys == b.Keys;

    private static void Add(Dictionary<(string, string, string, Indicator766Key), long> deltas, Indicator766Fact fact, int sign)
    {
        foreach (var key in fact.Keys.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Indicator766Key.Parse))
        {
            var id = (fact.AgencyPath, fact.ProcedureCode, fact.FieldCode, key);
            deltas[id] = deltas.GetValueOrDefault(id) + sign;
        }
    }

    private static async Task WriteFactsAsync(HubDbContext db, List<Indicator766Fact> facts, CancellationToken ct)
    {
        foreach (var chunk in facts.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO indicator766_dossier_facts (dossier_code, agency_path, procedure_code, field_code, keys) VALUES ");
            var values = new List<object>(chunk.Length * 5);
            foreach (var f in chunk)
            {
                Row(sql, values, f.DossierCode, f.AgencyPath, f.ProcedureCode, f.FieldCode, f.Keys);
            }

            sql.Append(" ON CONFLICT (dossier_code) DO UPDATE SET agency_path = excluded.agency_path, procedure_code = excluded.procedure_code,")
                .Append(" field_code = excluded.field_code, keys = excluded.keys");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }

    private static async Task WriteDeltasAsync(HubDbContext db, List<KeyValuePair<(string Path, string Procedure, string Field, Indicator766Key Key), long>> deltas, CancellationToken ct)
    {
        foreach (var chunk in deltas.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO indicator766_counters (agency_path, procedure_code, field_code, month, measure, due_day, count) VALUES ");
            var values = new List<object>(chunk.Length * 7);
            foreach (var ((path, procedure, field, key), delta) in chunk)
            {
                Row(sql, values, path, procedure, field, key.Month, (int)key.Measure, key.DueDay, delta);
            }

            sql.Append(" ON CONFLICT (agency_path, procedure_code, field_code, month, measure, due_day)")
                .Append(" DO UPDATE SET count = indicator766_counters.count + excluded.count");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }

    /// <summary>Appends <c>({n}, {n+1}, …)</c> placeholders (EF Core makes them parameters) and their values.</summary>
    private static void Row(StringBuilder sql, List<object> values, params object[] row)
    {
        sql.Append(values.Count == 0 ? "(" : ", (");
        for (var i = 0; i < row.Length; i++)
        {
            sql.Append(i == 0 ? "{" : ", {").Append(values.Count).Append('}');
            values.Add(row[i]);
        }

        sql.Append(')');
    }
}
