using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Storage;

/// <summary>
/// The hub's schema, shared by both providers. Each provider has a thin subclass so that it gets its own
/// migrations (EF Core migrations are provider specific); the model itself is defined once, here.
/// Table and column names are snake_case so hand-written SQL reads the same on SQLite and PostgreSQL.
/// </summary>
internal abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DossierSequence> DossierSequences => Set<DossierSequence>();

    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();

    public DbSet<DossierStepRecord> DossierSteps => Set<DossierStepRecord>();

    public DbSet<DossierEventRecord> DossierEvents => Set<DossierEventRecord>();

    public DbSet<DossierSyncStateRecord> DossierSyncStates => Set<DossierSyncStateRecord>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DossierSequence>(e =>
        {
            e.ToTable("dossier_sequences");
            e.HasKey(x => new { x.AgencyCode, x.Day });
            e.Property(x => x.AgencyCode).HasColumnName("agency_code").HasMaxLength(32);
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.LastValue).HasColumnName("last_value");
        });

        StatusSyncModel.Apply(modelBuilder);
    }
}

internal sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options);

internal sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
