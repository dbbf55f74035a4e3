using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity.Throttling;

/// <summary>
/// Wrong passwords at <c>/account/login</c>, counted per (user name, source address) and per user name over all
/// addresses, in this instance's memory, instead of ASP.NET Core Identity's per-account lockout (which anyone who
/// knows an operator's user name could trip from anywhere, locking the operator out).
/// <list type="bullet">
/// <item><see cref="HubIdentityOptions.MaxFailedSignIns"/> (5) wrong passwords for a user name from one address within
/// <see cref="HubIdentityOptions.LockoutDuration"/> (15 min): that address may not try that user name for the lockout
/// duration. The same person from another address is not affected.</item>
/// <item><see cref="HubIdentityOptions.MaxFailedSignInsPerAccount"/> (50) wrong passwords for a user name from all
/// addresses within the same window (guessing spread over many addresses): the user name's password sign-in is refused
/// from everywhere for <see cref="HubIdentityOptions.AccountLockoutDuration"/> (5 min), logged (event 5883). Short, so
/// an attack costs the owner minutes, not the day.</item>
/// <item>As many wrong passwords from one address within the window, whatever the user names (password spraying, or
/// filling these tables with made-up names): that address may not sign in for the lockout duration (event 5885).</item>
/// </list>
/// Unknown user names are counted the same way, so the answers do not tell which exist. A success forgets the
/// (user name, address) failures, not the ceiling's. An administrator's lock (the account's <c>LockoutEnd</c>) still
/// applies as before; nothing here writes it. Per instance: with n instances behind a balancer, an address gets up to
/// n × the limit (documented in the README).
/// </summary>
internal sealed partial class SignInThrottle
{
    private readonly FailureWindows _pairs;
    private readonly FailureWindows _accounts;
    private readonly FailureWindows _sources;
    private readonly HubIdentityOptions _options;
    private readonly ILogger<SignInThrottle> _logger;

    public SignInThrottle(IOptions<HubIdentityOptions> options, TimeProvider time, ILogger<SignInThrottle> logger)
    {
        _options = options.Value;
        _logger = logger;
        _pairs = new FailureWindows(_options.MaxFailedSignIns, _options.LockoutDuration, _options.LockoutDuration, time);
        _accounts = new FailureWindows(_options.MaxFailedSignInsPerAccount, _options.LockoutDuration, _options.AccountLockoutDuration, time);
        _sources = new FailureWindows(_options.MaxFailedSignInsPerAccount, _options.LockoutDuration, _options.LockoutDuration, time);
    }

    /// <summary>True when <paramref name="userName"/> may not be tried from <paramref name="source"/> now.</summary>
    public bool IsLocked(string userName, string source) =>
        _pairs.LockedFor(Pair(userName, source)) is not null || _accounts.LockedFor(userName) is not null || _sources.LockedFor(source) is not null;

    /// <summary>A wrong password (or an unknown user name); <paramref name="accountId"/> only for the log.</summary>
    public void Failed(string userName, string source, Guid? accountId)
    {
        var pair = _pairs.RecordFailure(Pair(userName, source));
        var ceiling = _accounts.RecordFailure(userName);
        var spraying = _sources.RecordFailure(source);
        var account = accountId?.ToString() ?? "(no such account)";
        if (pair == FailureOutcome.Locked)
        {
            LogPairLocked(_logger, account, source, _options.MaxFailedSignIns, (int)_options.LockoutDuration.TotalSeconds);
        }

        if (ceiling == FailureOutcome.Locked)
        {
            LogCeilingReached(_logger, account, _options.MaxFailedSignInsPerAccount, (int)_options.AccountLockoutDuration.TotalSeconds);
        }

        if (spraying == FailureOutcome.Locked)
        {
            LogSourceLocked(_logger, source, _options.MaxFailedSignInsPerAccount, (int)_options.LockoutDuration.TotalSeconds);
        }

        if (pair == FailureOutcome.NotTracked || ceiling == FailureOutcome.NotTracked || spraying == FailureOutcome.NotTracked)
        {
            LogFull(_logger, FailureWindows.Capacity);
        }
    }

    public void Succeeded(string userName, string source) => _pairs.Reset(Pair(userName, source));

    private static string Pair(string userName, string source) => userName + "\n" + source;

    [LoggerMessage(EventId = 5882, Level = LogLevel.Information,
        Message = "Password sign-in for account {AccountId} from {Source} refused for {Seconds} s after {Limit} wrong passwords from there")]
    private static partial void LogPairLocked(ILogger logger, string accountId, string source, int limit, int seconds);

    [LoggerMessage(EventId = 5883, Level = LogLevel.Warning,
        Message = "Password sign-in for account {AccountId} refused from every address for {Seconds} s: {Limit} wrong passwords from all addresses (guessing from many addresses)")]
    private static partial void LogCeilingReached(ILogger logger, string accountId, int limit, int seconds);

    [LoggerMessage(EventId = 5885, Level = LogLevel.Warning,
        Message = "Password sign-in from {Source} refused for {Seconds} s: {Limit} wrong passwords from there, whatever the user names")]
    private static partial void LogSourceLocked(ILogger logger, string source, int limit, int seconds);

    [LoggerMessage(EventId = 5884, Level = LogLevel.Warning,
        Message = "Password sign-in throttle: {Capacity} keys with recent failures are tracked already; a new one is not counted")]
    private static partial void LogFull(ILogger logger, int capacity);
}
