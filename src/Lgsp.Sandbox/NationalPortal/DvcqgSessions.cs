using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>The login sessions the DVCQG stand-in issued to clients of the session profile (OpenCPS's <c>{session}</c>).</summary>
internal sealed class DvcqgSessions
{
    private readonly ConcurrentDictionary<string, bool> _open = new(StringComparer.Ordinal);

    public string Open()
    {
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _open[session] = true;
        return session;
    }

    public bool IsOpen(string? session) => session is not null && _open.ContainsKey(session);

    /// <summary>Ends every session (a test makes DVCQG forget them, as a restart would).</summary>
    public void Clear() => _open.Clear();
}
