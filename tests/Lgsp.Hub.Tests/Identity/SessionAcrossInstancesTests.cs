using System.Net;
using Lgsp.Hub.Tests.StatusSync.EndToEnd;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// A sign-in started at one instance finishes at another, as behind a load balancer: two hub processes, each with its
/// own content root and no home folder (two machines: two processes of one user would otherwise share ASP.NET's
/// per-user key folder under HOME), on one PostgreSQL database and the same identity files. The
/// sign-in page's antiforgery cookie and the session cookie are Data Protection payloads, so this needs one key ring
/// for both, kept in the database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionAcrossInstancesTests(PostgresFixture postgres)
{
    [Fact]
    public async Task SignIn_StartedAtOneInstance_FinishesAtTheOther()
    {
        var database = await postgres.Server.CreateDatabaseAsync("sessions");
        var shared = Path.Combine(Path.GetTempPath(), "lgsp-shared-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(shared);
        using var settingsA = Machine(database, shared);
        using var settingsB = Machine(database, shared);
        using var http = new HttpClient();
        var a = await HubProcess.StartAsync(settingsA, http);
        HubProcess? b = null;
        try
        {
            b = await HubProcess.StartAsync(settingsB, http);
            var credentials = File.ReadAllLines(Path.Combine(shared, "identity", "development.env"))
                .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
                .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var cookies = new CookieContainer();
            using var atA = Browser(settingsA.Url, cookies);
            using var atB = Browser(settingsB.Url, cookies);
            var pkce = Oidc.Pkce.Create();

            // At A: the authorization request sends the browser to A's sign-in page, which sets the antiforgery cookie.
            using var authorize = await atA.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", pkce), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
            var page = await atA.GetStringAsync(authorize.Headers.Location!);
            var (action, token) = Oidc.ReadForm(page);

            // At B: the form is posted with A's cookies and token, and B's session then finishes the authorization.
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = credentials["LGSP_DEMO_OFFICIAL_USERNAME"],
                ["Input.Password"] = credentials["LGSP_DEMO_OFFICIAL_PASSWORD"],
                ["__RequestVerificationToken"] = token,
            });
            using var posted = await atB.PostAsync(new Uri(action, UriKind.Relative), form);
            Assert.True(posted.StatusCode == HttpStatusCode.Found, $"the sign-in form posted at B: {(int)posted.StatusCode}\n{b.Tail}");
            using var back = await atB.GetAsync(posted.Headers.Location!);
            Assert.Equal(HttpStatusCode.Found, back.StatusCode);
            var code = Oidc.Query(back.Headers.Location!)["code"];
            Assert.False(string.IsNullOrEmpty(code), back.Headers.Location!.ToString());

            var tokens = await Oidc.RedeemCodeAsync(atB, "provincial-portal", credentials["LGSP_PROVINCIAL_PORTAL_SECRET"], code!, Oidc.PortalRedirect, pkce.Verifier);
            Assert.Equal(HttpStatusCode.OK, tokens.Status);
            Assert.NotNull(tokens.IdToken);

            // And the session B started is honoured at A: a second authorization there needs no sign-in.
            using var again = await atA.GetAsync(new Uri(Oidc.AuthorizeUrl("provincial-portal", Oidc.PortalRedirect, "openid profile", Oidc.Pkce.Create()), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, again.StatusCode);
            Assert.NotNull(Oidc.Query(again.Headers.Location!)["code"]);

            // The key ring is in the database, each key encrypted for the Data Protection certificate (no plain key value).
            var stored = new List<string>();
            await using (var connection = new Npgsql.NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetString(0));
                }
            }

            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("<lgspEncryptedKey", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            await a.KillAsync();
            if (b is not null)
            {
                await b.KillAsync();
            }

            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>One machine: its own content root, no shared home folder; the database and the identity files are shared.</summary>
    private static HubProcessSettings Machine(string database, string shared) => new(
        directory =>
        [
            "--contentRoot", directory,
            "--ConfigDirectory", RepoPaths.Combine("config"),
            "--Storage:Provider", "Postgres",
            "--Storage:ConnectionString", database,
            "--Identity:DevelopmentDirectory", Path.Combine(shared, "identity"),
        ],
        new Dictionary<string, string?> { ["HOME"] = null });

    private static HttpClient Browser(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = baseAddress };
}
