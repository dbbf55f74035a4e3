using System.Text;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lgsp.Hub.Storage;

/// <summary>
/// The hub's schema, shared by both providers. Each provider has a thin subclass so that it gets its own
/// migrations (EF Core migrations are provider specific); the model itself is defined once, here.
/// Table and column names are snake_case so hand-written SQL reads the same on SQLite and PostgreSQL.
/// It holds the accounts (ASP.NET Core Identity, tables <c>identity_*</c>) and OpenIddict's applications,
/// authorizations, scopes and tokens (tables <c>openiddict_*</c>), the Data Protection key ring (<c>data_protection_keys</c>), the gateway's message log (<c>message_log*</c>) and the versions of what operators change
/// at runtime (<c>operations_*</c>), the access-token revocation list (<c>revoked_access_tokens</c>), the copy of the national procedure catalogue (<c>catalogue_*</c>) and the clients' daily quota counts (<c>client_quota_usage</c>).
/// </summary>
internal abstract class HubDbContext(DbContextOptions options) : IdentityDbContext<HubAccount, HubRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The ASP.NET Data Protection key ring, shared by every instance, each key encrypted with the Data Protection certificate.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DossierSequence> DossierSequences => Set<DossierSequence>();

    public DbSet<MessageLogRecord> MessageLogRecords => Set<MessageLogRecord>();

    public DbSet<MessageLogHead> MessageLogHeads => Set<MessageLogHead>();

    public DbSet<MessageLogCheckpoint> MessageLogCheckpoints => Set<MessageLogCheckpoint>();

    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();

    public DbSet<DossierStepRecord> DossierSteps => Set<DossierStepRecord>();

    public DbSet<DossierEventRecord> DossierEvents => Set<DossierEventRecord>();

    public DbSet<DossierSyncStateRecord> DossierSyncStates => Set<DossierSyncStateRecord>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<StatusSync.NationalPull.NationalDossierPullRecord> NationalDossierPulls => Set<StatusSync.NationalPull.NationalDossierPullRecord>();

    public DbSet<StatusSync.NationalPull.NationalDossierPullAttachment> NationalDossierPullAttachments => Set<StatusSync.NationalPull.NationalDossierPullAttachment>();

    public DbSet<StatusSync.NationalPull.NationalDossierPullRun> NationalDossierPullRuns => Set<StatusSync.NationalPull.NationalDossierPullRun>();

    /// <summary>Access tokens revoked before their expiry (the revocation list every instance loads).</summary>
    public DbSet<Identity.RevokedAccessToken> RevokedAccessTokens => Set<Identity.RevokedAccessToken>();

    public DbSet<Operations.Settings.SettingsVersionRecord> SettingVersions => Set<Operations.Settings.SettingsVersionRecord>();

    /// <summary>Each client's calls per source and Vietnam day, against its daily quota.</summary>
    public DbSet<Gateway.Limits.ClientQuotaUsage> ClientQuotaUsage => Set<Gateway.Limits.ClientQuotaUsage>();

    /// <summary>Each client's calls refused per source, limit and Vietnam day.</summary>
    public DbSet<Gateway.Limits.ClientLimitRefusal> ClientLimitRefusals => Set<Gateway.Limits.ClientLimitRefusal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<DossierSequence>(e =>
        {
            e.ToTable("dossier_sequences");
            e.HasKey(x => new { x.AgencyCode, x.Day });
            e.Property(x => x.AgencyCode).HasColumnName("agency_code").HasMaxLength(32);
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.LastValue).HasColumnName("last_value");
        });

        StatusSyncModel.Apply(modelBuilder);
        Gateway.Limits.DailyQuotaCounter.Apply(modelBuilder);
        Gateway.Limits.ClientLimitRefusals.Apply(modelBuilder);
        StatusSync.NationalPull.NationalDossierPullModel.Apply(modelBuilder);
        Indicators.Storage.Indicator766Model.Apply(modelBuilder);

        modelBuilder.Entity<HubAccount>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.PersonalId).HasMaxLength(12);
            e.Property(x => x.EnterpriseCode).HasMaxLength(16);
            e.Property(x => x.AgencyCode).HasMaxLength(32);
            e.Property(x => x.TechId).HasMaxLength(128);
            e.HasIndex(x => x.TechId).IsUnique();
            e.HasIndex(x => x.PersonalId);
        });

        MessageLogModel.Configure(modelBuilder);
        Operations.Settings.OperationsModel.Configure(modelBuilder);
        Catalogue.CatalogueModel.Configure(modelBuilder);
        Identity.RevokedAccessTokenModel.Configure(modelBuilder);
        NameIdentityAndOpenIddictTables(modelBuilder);
    }

    /// <summary>
    /// ASP.NET Core Identity and OpenIddict name their tables and columns in PascalCase; here they follow the rest
    /// of the schema: <c>AspNetUsers</c> → <c>identity_accounts</c>, <c>OpenIddictTokens</c> → <c>openiddict_tokens</c>,
    /// <c>NormalizedUserName</c> → <c>normalized_user_name</c>, and so on.
    /// </summary>
    private static void NameIdentityAndOpenIddictTables(ModelBuilder modelBuilder)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AspNetUsers"] = "identity_accounts",
            ["AspNetRoles"] = "identity_roles",
            ["AspNetUserRoles"] = "identity_account_roles",
            ["AspNetUserClaims"] = "identity_account_claims",
            ["AspNetUserLogins"] = "identity_account_logins",
            ["AspNetUserTokens"] = "identity_account_tokens",
            ["AspNetRoleClaims"] = "identity_role_claims",
            ["OpenIddictApplications"] = "openiddict_applications",
            ["OpenIddictAuthorizations"] = "openiddict_authorizations",
            ["OpenIddictScopes"] = "openiddict_scopes",
            ["OpenIddictTokens"] = "openiddict_tokens",
            ["DataProtectionKeys"] = "data_protection_keys",
        };
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table || !tables.TryGetValue(table, out var renamed))
            {
                continue;
            }

            entity.SetTableName(renamed);
            var store = StoreObjectIdentifier.Table(renamed);
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.GetColumnName(store) ?? property.Name));
            }

            string Columns(IEnumerable<IReadOnlyProperty> properties) => string.Join("_", properties.Select(p => p.GetColumnName(store)));
            foreach (var key in entity.GetKeys())
            {
                key.SetName(key.IsPrimaryKey() ? $"pk_{renamed}" : $"ak_{renamed}_{Columns(key.Properties)}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var principal = foreignKey.PrincipalEntityType.GetTableName()!;
                foreignKey.SetConstraintName($"fk_{renamed}_{tables.GetValueOrDefault(principal, principal)}_{Columns(foreignKey.Properties)}");
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName($"ix_{renamed}_{Columns(index.Properties)}");
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i > 0 && i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]);
                if (previousLower || nextLower)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

internal sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options);

internal sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
