using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Catalogue;

/// <summary>A national procedure in the hub's copy (<c>catalogue_procedures</c>).</summary>
internal sealed class CatalogueProcedureRecord
{
    public required string Code { get; set; }

    public required string Name { get; set; }
}

/// <summary>An agency in the hub's copy (<c>catalogue_agencies</c>).</summary>
internal sealed class CatalogueAgencyRecord
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Level { get; set; }
}

/// <summary>A field of procedures in the hub's copy (<c>catalogue_fields</c>).</summary>
internal sealed class CatalogueFieldRecord
{
    public required string Code { get; set; }

    public required string Name { get; set; }
}

/// <summary>The one row saying how the refreshes went (<c>catalogue_refresh</c>, id 1), shared by every instance.</summary>
internal sealed class CatalogueRefreshRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>The catalogue code of the last failure (<c>upstream.dvcqg.unavailable</c>, …); null after a success.</summary>
    public string? LastErrorCode { get; set; }

    public string? LastErrorDetail { get; set; }

    public int ConsecutiveFailures { get; set; }

    public long TotalFailures { get; set; }
}

internal static class CatalogueModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CatalogueProcedureRecord>(e =>
        {
            e.ToTable("catalogue_procedures");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(2000);
        });
        modelBuilder.Entity<CatalogueAgencyRecord>(e =>
        {
            e.ToTable("catalogue_agencies");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(1000);
            e.Property(x => x.Level).HasColumnName("level").HasMaxLength(16);
        });
        modelBuilder.Entity<CatalogueFieldRecord>(e =>
        {
            e.ToTable("catalogue_fields");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(1000);
        });
        modelBuilder.Entity<CatalogueRefreshRecord>(e =>
        {
            e.ToTable("catalogue_refresh");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.LastAttemptAt).HasColumnName("last_attempt_at");
            e.Property(x => x.LastSuccessAt).HasColumnName("last_success_at");
            e.Property(x => x.LastFailureAt).HasColumnName("last_failure_at");
            e.Property(x => x.LastErrorCode).HasColumnName("last_error_code").HasMaxLength(128);
            e.Property(x => x.LastErrorDetail).HasColumnName("last_error_detail").HasMaxLength(1000);
            e.Property(x => x.ConsecutiveFailures).HasColumnName("consecutive_failures");
            e.Property(x => x.TotalFailures).HasColumnName("total_failures");
        });
    }
}
