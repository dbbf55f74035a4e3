using System.Globalization;
using System.Text;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.LgspGateway;
using Lgsp.Sandbox.Population;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The national population database (CSDLQG về dân cư) as the national data-exchange platform exposes it to an
/// LGSP: SOAP 1.1 over HTTP POST at <see cref="ServicePath"/>, operations <c>TraCuuThongTinCongDan</c> and
/// <c>XacThucThongTinCongDan</c>, answers signed by the source. See the sandbox README for what it answers.
/// </summary>
internal static class PopulationApi
{
    public const string ServicePath = "/csdldancu/1.0/CongDanService";

    private const int MaxRequestCharacters = 64 * 1024;

    private static readonly SafeXmlLimits RequestLimits = new(MaxRequestCharacters, 16);

    public static IServiceCollection AddPopulationStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PopulationStandInOptions>()
            .Bind(configuration.GetSection(PopulationStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton<PopulationSigner>();
        services.AddSingleton<PopulationRequestLog>();
        services.AddSingleton<PopulationProfile>();
        services.AddSingleton<CitizensByOldId>();
        services.AddSingleton(new StandIn
        {
            Source = SourceNames.Population,
            Paths = [ServicePath],
            Signs = true,
            NaturalLatency = (30, 90),
            MalformedContentType = PopulationSoap.ContentType,
            MalformedBody = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><CongdanCollection xmlns=\"http://dancuquocgia.bca\" Id=\"kq-0\"><MaYeuCau>",
        });
        return services;
    }

    public static WebApplication MapPopulationApi(this WebApplication app)
    {
        app.MapPost(ServicePath, HandleAsync).DisableAntiforgery();

        var control = app.MapGroup("/_sandbox/population");
        control.MapGet("/certificate", (PopulationSigner signer) => Results.Text(signer.CertificatePem, "application/x-pem-file", Encoding.ASCII));
        control.MapGet("/profile", (PopulationProfile profile) => Results.Ok(profile.Current));
        control.MapPut("/profile", (PopulationProfileBody body, PopulationProfile profile) => Results.Ok(profile.Change(body)));
        control.MapGet("/requests", (PopulationRequestLog log) => Results.Ok(log.Newest()));
        control.MapDelete("/requests", (PopulationRequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, SyntheticWorld world, CitizensByOldId oldIds, PopulationSigner signer, PopulationRequestLog log,
        IOptions<PopulationStandInOptions> options, PopulationProfile profiles, TimeProvider time)
    {
        var profile = profiles.Current;
        // SOAP 1.1 is text/xml; anything else is refused before it is read, as a SOAP stack does.
        if (context.Request.ContentType?.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var soapAction = context.Request.Headers["SOAPAction"].ToString();

        // The gateway in front of the service checks the partner before the service reads anything.
        var (verdict, partner) = LgspAccessTokens.Check(context.Request, options.Value.Partner);
        var refusal = verdict switch
        {
            LgspTokenVerdict.Absent when profile.RequireCredentials is not PopulationCredentialsRequired.None => ("missing_token", StatusCodes.Status401Unauthorized),
            LgspTokenVerdict.Unreadable => ("unreadable_token", StatusCodes.Status401Unauthorized),
            LgspTokenVerdict.BadCredentials => ("bad_credentials", StatusCodes.Status401Unauthorized),
            LgspTokenVerdict.NotGranted => ("not_granted", StatusCodes.Status403Forbidden),
            _ => ((string, int)?)null,
        };
        if (refusal is { } refused)
        {
            log.Add(Received(time, soapAction, null, "unauthorized:" + refused.Item1, null, null));
            return Results.Text($"{LgspAccessTokens.HeaderName}: {refused.Item1}", "text/plain", Encoding.UTF8, refused.Item2);
        }

        var text = await ReadBodyAsync(context);
        if (text is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        PopulationRequest? request = null;
        try
        {
            try
            {
                request = PopulationRequest.Read(SafeXml.LoadDocument(text, RequestLimits), soapAction);
            }
            catch (LgspException ex)
            {
                throw new PopulationFault("Yêu cầu không đọc được (XML không hợp lệ hoặc không an toàn).", ex);
            }

            request.Validate(options.Value.IntegrationCode);
        }
        catch (PopulationFault fault)
        {
            log.Add(Received(time, soapAction, request, "fault:" + fault.Code, partner, null));
            return Results.Text(PopulationSoap.Fault(fault), PopulationSoap.ContentType, Encoding.UTF8, StatusCodes.Status500InternalServerError);
        }

        // The officer's own account: AuthHash must open it, and MaCanBo must be its user name.
        OfficerAccount? officer = null;
        if (context.Request.Headers[PopulationOfficers.HeaderName] is { Count: > 0 } authHash)
        {
            officer = authHash.Count == 1 ? PopulationOfficers.Find(authHash.ToString()) : null;
            if (officer is null || officer.UserName != request.MaCanBo)
            {
                log.Add(Received(time, soapAction, request, "unauthorized:bad_auth_hash", partner, null));
                return Results.Text("AuthHash: bad_auth_hash", "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized);
            }
        }
        else if (profile.RequireCredentials is PopulationCredentialsRequired.LgspAccessTokenAndAuthHash)
        {
            log.Add(Received(time, soapAction, request, "unauthorized:missing_auth_hash", partner, null));
            return Results.Text("AuthHash: missing_auth_hash", "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized);
        }

        var citizen = Find(world, oldIds, request);
        var (document, signed, outcome) = request.Operation == PopulationSoap.Lookup
            ? Lookup(request, citizen)
            : Verify(request, citizen);
        if (profile.SignAnswers is not false)
        {
            signer.Sign(signed);
            if (context.Items.ContainsKey(FaultSwitchboard.BreakSignatureKey))
            {
                PopulationSoap.Tamper(signed);
            }
        }

        log.Add(Received(time, soapAction, request, outcome, partner, officer?.KeyName, signed: profile.SignAnswers is not false));
        return Results.Text(document.OuterXml, PopulationSoap.ContentType, Encoding.UTF8);
    }

    private static (System.Xml.XmlDocument, System.Xml.XmlElement, string) Lookup(PopulationRequest request, CongDan? citizen)
    {
        var (document, signed) = PopulationSoap.LookupAnswer(request.MaYeuCau!, citizen);
        return (document, signed, citizen is null ? "not_found" : "found");
    }

    /// <summary>
    /// The name is compared exactly against the record's upper-case form without diacritics: the service does not
    /// normalise what it receives, so a name sent any other way does not match. The date is compared in full when
    /// both sides have one, otherwise only the year is (and the answer says so).
    /// </summary>
    private static (System.Xml.XmlDocument, System.Xml.XmlElement, string) Verify(PopulationRequest request, CongDan? citizen)
    {
        if (citizen is null)
        {
            var (missing, signedMissing) = PopulationSoap.VerificationAnswer(request.MaYeuCau!, null, null, []);
            return (missing, signedMissing, "not_found");
        }

        var nameMatches = string.Equals(request.HoVaTen, citizen.HoVaTen.KhongDau, StringComparison.Ordinal);
        bool dateMatches;
        string dateField;
        if (request.BirthDate is { } date && citizen.NgayThangNamSinh.NgayThangNam is { } recorded)
        {
            (dateMatches, dateField) = (date == recorded, "NgayThangNam");
        }
        else
        {
            var year = request.BirthDate?.Year ?? int.Parse(request.Nam!, CultureInfo.InvariantCulture);
            (dateMatches, dateField) = (year == citizen.NgayThangNamSinh.Nam, "Nam");
        }

        var matched = nameMatches && dateMatches;
        var (document, signed) = PopulationSoap.VerificationAnswer(request.MaYeuCau!, citizen.SoDinhDanh, matched, ["HoVaTen", dateField]);
        return (document, signed, matched ? "matched" : "not_matched");
    }

    private static CongDan? Find(SyntheticWorld world, CitizensByOldId oldIds, PopulationRequest request)
    {
        var citizen = request.SoDinhDanh is { } id ? world.FindCitizen(id) : oldIds.Find(request.SoCmnd!);
        // Both given: they must be the same person's.
        return citizen is not null && request.SoCmnd is { } cmnd && citizen.SoCmnd != cmnd ? null : citizen;
    }

    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxRequestCharacters + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), context.RequestAborted)) > 0)
        {
            read += n;
        }

        return read > MaxRequestCharacters ? null : new string(buffer, 0, read);
    }

    private static ReceivedPopulationRequest Received(
        TimeProvider time, string soapAction, PopulationRequest? r, string outcome, string? partner, string? officerKey, bool signed = false) =>
        new(time.GetUtcNow(), soapAction.Length == 0 ? null : soapAction, r?.Operation, r?.MaYeuCau, r?.MaDvc, r?.MaTichHop, r?.MaCanBo,
            r?.SoDinhDanh, r?.SoCmnd, r?.HoVaTen, r?.Nam, r?.NgayThangNam, r?.FieldOrder ?? [], outcome, partner, officerKey, signed);
}

/// <summary>Citizens by their old 9-digit CMND, for lookups that only have that (built on first use).</summary>
internal sealed class CitizensByOldId(SyntheticWorld world)
{
    private readonly Lazy<Dictionary<string, CongDan>> _index = new(() => world.Citizens
        .Where(c => c.SoCmnd is not null)
        .GroupBy(c => c.SoCmnd!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    public CongDan? Find(string soCmnd) => _index.Value.GetValueOrDefault(soCmnd);
}
