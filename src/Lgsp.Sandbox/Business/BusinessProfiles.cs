namespace Lgsp.Sandbox.Business;

/// <summary>
/// The answer shapes the registry stand-in speaks, one at a time: <c>NgspData</c> (the <c>Data.MainInformation</c>
/// wrapper without <c>ResultCode</c>, as OpenCPS reads it; "not found" is a <c>Data</c> with no <c>MainInformation</c>)
/// and <c>ResultCode</c> (<c>{ResultCode, Message, Data}</c>, <c>02</c> for "not found"). A refused code is
/// <c>ResultCode 01</c> in both. Tests flip it through <c>PUT /_sandbox/business/profile</c>.
/// </summary>
internal sealed class BusinessProfiles(string initial)
{
    public const string NgspData = "NgspData";
    public const string ResultCode = "ResultCode";
    public const string ControlPath = "/_sandbox/business/profile";

    public static readonly string[] All = [NgspData, ResultCode];

    private volatile string _current = initial;

    public string Current => _current;

    public bool TrySet(string? profile)
    {
        var known = All.FirstOrDefault(p => string.Equals(p, profile, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            return false;
        }

        _current = known;
        return true;
    }
}
