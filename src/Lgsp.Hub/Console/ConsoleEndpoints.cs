using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The operators' web console at <c>/console</c>: static files (HTML, CSS, ES modules; no build step) embedded in the
/// hub's assembly, so a published hub carries them and nothing is fetched from elsewhere. The app signs in through the
/// hub's own OpenID Connect endpoints and speaks the control API (<c>/admin/v1</c>); see Console/README.md.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string BasePath = "/console";

    /// <summary>The prefix of the embedded resources' names (Lgsp.Hub.csproj gives them flat logical names).</summary>
    private const string ResourcePrefix = "lgsp.console";

    private const string IndexFile = "index.html";

    /// <summary>The hub's icon, also at <c>/favicon.ico</c>, where browsers ask for it on every page (the sign-in page too).</summary>
    private const string FaviconFile = "favicon.ico";

    /// <summary>Only this origin's scripts, styles, images and API; never framed; the URL (it may carry the authorization code) never leaves as a referrer.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapLgspConsole(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, ResourcePrefix);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = BasePath,
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static context =>
            {
                AddSecurityHeaders(context.Context.Response.Headers);

                // Embedded files change only with the hub: revalidate (ETag) rather than trust a stale copy after an upgrade.
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });

        // The single page for the app's entry points; the app routes the rest itself (#/adapters/...).
        var index = files.GetFileInfo(IndexFile);
        if (!index.Exists)
        {
            throw new InvalidOperationException($"The console's {IndexFile} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        }

        var console = app.MapGroup(BasePath).ExcludeFromDescription();
        foreach (var pattern in new[] { "/", "/callback" })
        {
            console.MapGet(pattern, (HttpContext http) =>
            {
                AddSecurityHeaders(http.Response.Headers);
                http.Response.Headers.CacheControl = "no-store";
                return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
            });
        }

        var favicon = files.GetFileInfo(FaviconFile);
        app.MapGet("/" + FaviconFile, (HttpContext http) =>
        {
            AddSecurityHeaders(http.Response.Headers);
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Stream(favicon.CreateReadStream(), "image/x-icon");
        }).ExcludeFromDescription();

        return app;
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
