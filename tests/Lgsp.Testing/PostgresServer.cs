using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Lgsp.Testing;

/// <summary>
/// A real PostgreSQL server for the test run. When <c>LGSP_TEST_POSTGRES</c> holds a connection string
/// (to a role allowed to create databases) that server is used; otherwise a throw-away cluster is created
/// with the Debian packages' <c>initdb</c>/<c>pg_ctl</c> in a temporary folder on a free port, tuned for
/// tests (fsync off), and removed at the end. Each test asks for its own database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "LGSP_TEST_POSTGRES";

    private readonly string? _dataDir;
    private readonly string? _binDir;
    private readonly bool _runAsPostgresUser;
    private int _databaseCounter;

    private PostgresServer(string adminConnectionString, string? dataDir, string? binDir, bool runAsPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _dataDir = dataDir;
        _binDir = binDir;
        _runAsPostgresUser = runAsPostgresUser;
    }

    /// <summary>Connection string to the server's maintenance database, as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The folder of the server's client programs (<c>psql</c>, <c>pgbench</c>); null for an external server.</summary>
    public string? BinDirectory => _binDir;

    /// <param name="durable">
    /// Keep PostgreSQL's defaults (<c>fsync</c>, <c>synchronous_commit</c>, <c>full_page_writes</c> on), so a commit
    /// is on disk when it returns: for benchmarks of durable writes. Tests leave them off for speed.
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null, false);
        }

        var binDir = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed. Run ./test.sh (it installs the Debian 'postgresql' package), " +
            $"install it yourself (apt-get install -y postgresql), or set {EnvironmentVariable} to a server's connection string.");

        var runAsPostgres = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), "lgsp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDir);
        if (runAsPostgres)
        {
            // initdb refuses to run as root; the Debian package always creates the 'postgres' user.
            await RunAsync("chown", ["postgres:postgres", dataDir], asPostgres: false, binDir: null);
        }

        var cluster = Path.Combine(dataDir, "cluster");
        await RunAsync(Path.Combine(binDir, "initdb"),
            ["-D", cluster, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], runAsPostgres, binDir);

        var port = FreePort.Next();
        var options = string.Join(' ',
            $"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {dataDir}",
            durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "-c max_connections=300");
        await RunAsync(Path.Combine(binDir, "pg_ctl"),
            ["-D", cluster, "-o", options, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "start"], runAsPostgres, binDir);

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        return new PostgresServer(admin, dataDir, binDir, runAsPostgres);
    }

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}").ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDir is null || _binDir is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_dataDir, "cluster"), "-m", "immediate", "-w", "stop"], _runAsPostgresUser, _binDir);
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static string? FindBinDir()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, string? binDir)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = file;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (binDir is not null)
        {
            start.Environment["PATH"] = binDir + ":" + Environment.GetEnvironmentVariable("PATH");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
