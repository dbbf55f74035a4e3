using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Indicators.Storage;

/// <summary>The 766 tables in the shared <see cref="Hub.Storage.HubDbContext"/> (migration <c>Indicators766</c>).</summary>
internal static class Indicator766Model
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Indicator766Fact>(e =>
        {
            e.ToTable("indicator766_dossier_facts");
            e.HasKey(x => x.DossierCode);
            e.Property(x => x.DossierCode).HasColumnName("dossier_code").HasMaxLength(64);
            e.Property(x => x.AgencyPath).HasColumnName("agency_path").HasMaxLength(32);
            e.Property(x => x.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(64);
            e.Property(x => x.FieldCode).HasColumnName("field_code").HasMaxLength(64);
            e.Property(x => x.Keys).HasColumnName("keys").HasMaxLength(512);
        });

        modelBuilder.Entity<Indicator766Counter>(e =>
        {
            e.ToTable("indicator766_counters");
            e.HasKey(x => new { x.AgencyPath, x.ProcedureCode, x.FieldCode, x.Month, x.Measure, x.DueDay });
            e.Property(x => x.AgencyPath).HasColumnName("agency_path").HasMaxLength(32);
            e.Property(x => x.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(64);
            e.Property(x => x.FieldCode).HasColumnName("field_code").HasMaxLength(64);
            e.Property(x => x.Month).HasColumnName("month");
            e.Property(x => x.Measure).HasColumnName("measure");
            e.Property(x => x.DueDay).HasColumnName("due_day");
            e.Property(x => x.Count).HasColumnName("count");
            // A period's query reads a month range under an agency path.
            e.HasIndex(x => new { x.Month, x.AgencyPath }).HasDatabaseName("ix_indicator766_counters_month_agency");
        });
    }
}
