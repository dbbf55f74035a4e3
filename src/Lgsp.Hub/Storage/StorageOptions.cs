using System.ComponentModel.DataAnnotations;

namespace Lgsp.Hub.Storage;

public enum StorageProvider
{
    /// <summary>The embedded default: one file, no server. For development and small pilots.</summary>
    Sqlite,

    /// <summary>The production store.</summary>
    Postgres,
}

/// <summary>Bound from the <c>Storage</c> section; validated on start.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite a relative <c>Data Source</c> is resolved against the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=.data/lgsp.db";

    /// <summary>Apply pending migrations on start (on by default; every instance takes the migration lock first).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
