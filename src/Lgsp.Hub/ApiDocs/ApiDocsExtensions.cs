using Scalar.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ApiDocsExtensions
{
    public static IServiceCollection AddLgspApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "LGSP hub API";
            doc.Info.Description = "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP): tra cứu CSDL quốc gia, đồng bộ hồ sơ với Cổng DVCQG, quản trị bộ kết nối.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and a browsable reference at /docs, on the management endpoint only.</summary>
    public static WebApplication MapLgspApiDocs(this WebApplication app)
    {
        app.MapOpenApi().OnManagementEndpoint();
        app.MapScalarApiReference("/docs", o => o.WithTitle("LGSP hub API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).OnManagementEndpoint();
        return app;
    }
}
