using System.Text.Json;
using Lgsp.Core.Errors;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lgsp.Hub.Tests.Errors;

public sealed class LgspExceptionHandlerTests : IDisposable
{
    private readonly HubFactory _hub = HubFactory.OnSqlite();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task TryHandle_ValidationErrorWithFields_NamesEveryFieldInBothLanguages()
    {
        var errors = new[]
        {
            new FieldError("/maHoSo", "dossier_code.date", "Ngày trong mã hồ sơ không hợp lệ.", "The date in the dossier code is not a real date."),
            new FieldError("/trangThai", "status.range", "Trạng thái phải từ 1 đến 10.", "Status must be between 1 and 10."),
        };
        var ex = new LgspException(ErrorCatalogue.ValidationFailed, new("2 trường không hợp lệ.", "2 fields are invalid."), errors);

        var (status, body) = await HandleAsync(ex, "en");

        Assert.Equal(400, status);
        Assert.Equal("client.validation_failed", body.GetProperty("code").GetString());
        Assert.Equal("client", body.GetProperty("faultOrigin").GetString());
        Assert.Equal("2 fields are invalid.", body.GetProperty("detail").GetString());
        var fields = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["/maHoSo", "/trangThai"], fields.Select(f => f.GetProperty("field").GetString()));
        Assert.Equal("dossier_code.date", fields[0].GetProperty("reason").GetString());
        Assert.Equal("The date in the dossier code is not a real date.", fields[0].GetProperty("message").GetString());
        Assert.Equal("Ngày trong mã hồ sơ không hợp lệ.", fields[0].GetProperty("messageVi").GetString());
    }

    [Fact]
    public async Task TryHandle_UpstreamFault_ReportsUpstreamOrigin()
    {
        var (status, body) = await HandleAsync(new LgspException(UpstreamErrors.For("population").Timeout), null);

        Assert.Equal(504, status);
        Assert.Equal("upstream.population.timeout", body.GetProperty("code").GetString());
        Assert.Equal("upstream", body.GetProperty("faultOrigin").GetString());
    }

    [Fact]
    public async Task TryHandle_UnexpectedException_IsHubInternalWithoutInternalDetails()
    {
        var (status, body) = await HandleAsync(new InvalidOperationException("connection string Password=secret leaked"), null);

        Assert.Equal(500, status);
        Assert.Equal("hub.internal", body.GetProperty("code").GetString());
        Assert.Equal("hub", body.GetProperty("faultOrigin").GetString());
        Assert.DoesNotContain("secret", body.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception, string? language)
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/api/v1/test";
        if (language is not null)
        {
            context.Request.Headers.AcceptLanguage = language;
        }

        context.Request.Headers.Accept = "application/json";
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;

        var handled = await new LgspExceptionHandler(NullLogger<LgspExceptionHandler>.Instance)
            .TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        return (context.Response.StatusCode, JsonDocument.Parse(buffer.ToArray()).RootElement.Clone());
    }
}
