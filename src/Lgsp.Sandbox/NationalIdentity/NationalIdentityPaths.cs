namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// Where the stand-in answers, under <see cref="NationalIdentityOptions.PathBase"/>: DVCQG's <c>/oauth2/*</c>
/// protocol paths and WSO2's <c>/authenticationendpoint/*</c> pages.
/// </summary>
internal static class NationalIdentityPaths
{
    /// <summary>The source name, as in <c>upstream.nationalidentity.*</c> and <c>/_sandbox/faults/nationalidentity</c>.</summary>
    public const string Source = "nationalidentity";

    public const string Authorize = NationalIdentityOptions.PathBase + "/oauth2/authorize";
    public const string Token = NationalIdentityOptions.PathBase + "/oauth2/token";
    public const string UserInfo = NationalIdentityOptions.PathBase + "/oauth2/userinfo";
    public const string Logout = NationalIdentityOptions.PathBase + "/oauth2/logout";
    public const string Login = NationalIdentityOptions.PathBase + "/authenticationendpoint/login.do";
    public const string LoggedOut = NationalIdentityOptions.PathBase + "/authenticationendpoint/logout.do";
}
