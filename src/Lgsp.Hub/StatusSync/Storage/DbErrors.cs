using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lgsp.Hub.StatusSync.Storage;

/// <summary>Which database failures mean "another writer got there first; run the unit of work again".</summary>
internal static class DbErrors
{
    public static bool IsRetryable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // unique violation (a concurrent create of the same dossier or idempotency key), deadlock, serialization
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 || sqlite.SqliteExtendedErrorCode is 1555 or 2067:
                    return true;
            }
        }

        return false;
    }
}
