using Xunit.Abstractions;

namespace Lgsp.Hub.Tests.Identity.Conformance;

/// <summary>
/// The hub as a standard relying-party library sees it: openid-client (Node) discovers it, signs a person in with
/// code + PKCE through the hub's own sign-in page, validates the ID token, refreshes, revokes, logs out, uses client
/// credentials and introspection, and provokes the RFC 6749 errors (<c>tests/oidc-conformance/conformance.mjs</c>).
/// One row per check, so a failure names it; the Identity README's "Conformance" section lists the same checks.
/// </summary>
public sealed class OidcConformanceTests(OidcConformanceFixture fixture, ITestOutputHelper output) : IClassFixture<OidcConformanceFixture>
{
    /// <summary>Every check the script runs, in its order.</summary>
    private static readonly string[] CheckNames =
    [
        "discovery.document",
        "discovery.issuer",
        "discovery.endpoints",
        "discovery.response_types",
        "discovery.grant_types",
        "discovery.code_challenge_methods",
        "discovery.token_endpoint_auth_methods",
        "discovery.id_token_signing_algs",
        "discovery.scopes_and_claims",
        "discovery.subject_types",
        "discovery.revocation_and_introspection_auth",
        "discovery.authorization_response_iss",
        "jwks.keys",
        "code.authorization_and_sign_in",
        "code.token_exchange",
        "id_token.validation",
        "userinfo",
        "api.bearer",
        "introspection.person_access_token",
        "refresh.rotation",
        "refresh.reuse_refused",
        "refresh.reuse_revokes_family",
        "code.silent_reauthorization",
        "revocation.refresh_token",
        "id_token.max_age_auth_time",
        "refresh.id_token",
        "refresh.narrower_scope",
        "error.refresh_wider_scope",
        "code.wrong_redirect_uri_refused",
        "error.unregistered_redirect_uri",
        "error.userinfo_invalid_token",
        "token_endpoint.no_store",
        "logout.end_session",
        "logout.revokes_refresh",
        "code.replay_refused",
        "code.wrong_verifier_refused",
        "client_credentials",
        "introspection.client_credentials_token",
        "introspection.unknown_token_inactive",
        "revocation.client_credentials_token",
        "error.invalid_client",
        "error.client_assertion_refused",
        "client_secret_post",
        "error.invalid_grant",
        "error.invalid_scope",
        "error.unsupported_grant_type",
        "error.authorization_plain_pkce_refused",
    ];

    public static TheoryData<string> Checks => new(CheckNames);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Conformance_Check_Passes(string check)
    {
        Assert.True(fixture.Results.TryGetValue(check, out var result), $"The script did not report {check}.\n{fixture.Diagnostics}");
        Assert.True(result.Passed, $"{check}: {result.Detail}");
    }

    [Fact]
    public void Conformance_Script_ReportsExactlyTheListedChecksAndSucceeds()
    {
        foreach (var result in fixture.Results.Values)
        {
            output.WriteLine($"{(result.Passed ? "passed" : "FAILED")} {result.Check}: {result.Detail}");
        }

        var unlisted = fixture.Results.Keys.Except(CheckNames, StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, "Checks missing from this test's list: " + string.Join(", ", unlisted));
        Assert.True(fixture.ExitCode == 0, $"exit code {fixture.ExitCode}\n{fixture.Diagnostics}");
    }
}
