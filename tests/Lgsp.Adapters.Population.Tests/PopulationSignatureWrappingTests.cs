using System.Net.Http.Headers;
using System.Xml;
using Lgsp.Adapters.Contract;
using Lgsp.Adapters.Population.Soap;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Population.Tests;

/// <summary>
/// Answers no honest source gives, served from a loopback stub: a genuine signed answer of the stand-in, moved,
/// copied or replayed around a forged record. The adapter reads one place (<c>Envelope/Body/CongdanCollection</c>)
/// and verifies that very element, so none of them gets through.
/// </summary>
public sealed class PopulationSignatureWrappingTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Ns = PopulationWire.Namespace;
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    private StubUpstream _stub = null!;
    private string _trustPath = "";

    public async Task InitializeAsync()
    {
        await sandbox.ResetFaultAsync(SourceNames.Population);
        _stub = await StubUpstream.StartAsync();
        _trustPath = await PopulationTestSupport.WriteTrustFileAsync(sandbox);
    }

    public async Task DisposeAsync()
    {
        await _stub.DisposeAsync();
        PopulationTestSupport.Delete(_trustPath);
    }

    [Fact]
    public async Task Lookup_GenuineAnswerRelayed_IsAccepted()
    {
        var (context, victim, genuine) = await GenuineAnswerAsync();
        _stub.Answer(200, "text/xml; charset=utf-8", genuine.OuterXml);

        var citizen = await LookupAsync(victim, context);

        Assert.Equal(victim, citizen.PersonalId);
        Assert.Single(_stub.Received);
    }

    public static TheoryData<string> Attacks => new()
    {
        "genuine moved to the Header, a forged unsigned record in the Body",
        "genuine moved to the Header, a forged record carrying a copy of its signature and Id",
        "a forged record carrying a copy of the genuine signature, genuine dropped",
        "a forged record inside the signed element, next to the genuine one",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Lookup_SignatureWrappingAttempt_IsSignatureInvalid(string attack)
    {
        var (context, victim, genuine) = await GenuineAnswerAsync();
        _stub.Answer(200, "text/xml; charset=utf-8", Wrap(genuine, attack));

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(victim, context));

        Assert.Equal("upstream.population.signature_invalid", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("(client.signature_", fault.Detail?.En, StringComparison.Ordinal); // the verifier's refusal, named
        Assert.Single(_stub.Received); // refused, not asked again
    }

    [Fact]
    public async Task Lookup_GenuineAnswerToAnotherRequestReplayed_IsRefused()
    {
        var (_, victim, genuine) = await GenuineAnswerAsync();
        _stub.Answer(200, "text/xml; charset=utf-8", genuine.OuterXml);

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(victim, PopulationTestSupport.Context()));

        Assert.Equal("upstream.population.bad_response", fault.Error.Code);
        Assert.Contains("MaYeuCau", fault.Detail?.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_AnswerLargerThanAnyAnswerOfTheService_IsBadResponseWithoutRetry()
    {
        var (context, victim, genuine) = await GenuineAnswerAsync();
        var padded = genuine.OuterXml.Replace("<MoTaKetQua>", "<MoTaKetQua>" + new string('x', PopulationSoapClient.MaxAnswerBytes), StringComparison.Ordinal);
        _stub.Answer(200, "text/xml; charset=utf-8", padded);

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupAsync(victim, context));

        Assert.Equal("upstream.population.bad_response", fault.Error.Code);
        Assert.Single(_stub.Received);
    }

    private async Task<Citizen> LookupAsync(PersonalId id, LookupContext context)
    {
        using var adapter = PopulationTestSupport.Build(PopulationTestSupport.Settings(_stub.BaseUrl, _trustPath));
        return await adapter.GetRequiredService<IPopulationSource>().GetCitizenAsync(id, context, CancellationToken.None);
    }

    /// <summary>A signed answer of the stand-in about one citizen, asked for directly (as a relay in the middle would).</summary>
    private async Task<(LookupContext Context, PersonalId Victim, XmlDocument Answer)> GenuineAnswerAsync()
    {
        var context = PopulationTestSupport.Context();
        var victim = PersonalId.Parse(sandbox.World().Citizens[0].SoDinhDanh);
        var envelope = PopulationWire.Request(PopulationWire.Lookup,
            new RequestHeader(context.RequestId, "1.001193", PopulationTestSupport.IntegrationCode, "CB-0042"), victim);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/csdldancu/1.0/CongDanService", UriKind.Relative))
        {
            Content = new ByteArrayContent(envelope) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", PopulationWire.ActionOf(PopulationWire.Lookup));
        using var response = await sandbox.Control.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (context, victim, SafeXml.LoadDocument(await response.Content.ReadAsStringAsync()));
    }

    private static string Wrap(XmlDocument answer, string attack)
    {
        var envelope = answer.DocumentElement!;
        var body = (XmlElement)envelope.GetElementsByTagName("Body", PopulationWire.SoapNamespace)[0]!;
        var genuine = (XmlElement)body.GetElementsByTagName("CongdanCollection", Ns)[0]!;
        var forged = (XmlElement)genuine.CloneNode(deep: true);
        var forgedName = (XmlElement)forged.GetElementsByTagName("Ten", Ns)[0]!;
        forgedName.InnerText = "Giả Mạo";
        var forgedSignature = forged.GetElementsByTagName("Signature", Ds).OfType<XmlElement>().Single();

        switch (attack)
        {
            case "genuine moved to the Header, a forged unsigned record in the Body":
                forged.RemoveChild(forgedSignature);
                forged.SetAttribute("Id", "forged");
                MoveToHeader(answer, envelope, body, genuine);
                body.AppendChild(forged);
                break;
            case "genuine moved to the Header, a forged record carrying a copy of its signature and Id":
                MoveToHeader(answer, envelope, body, genuine);
                body.AppendChild(forged);
                break;
            case "a forged record carrying a copy of the genuine signature, genuine dropped":
                body.ReplaceChild(forged, genuine);
                break;
            default:
                var forgedRecord = (XmlElement)forged.GetElementsByTagName("CongDan", Ns)[0]!;
                genuine.InsertBefore(answer.ImportNode(forgedRecord, deep: true), genuine.GetElementsByTagName("CongDan", Ns)[0]);
                break;
        }

        return answer.OuterXml;
    }

    private static void MoveToHeader(XmlDocument answer, XmlElement envelope, XmlElement body, XmlElement genuine)
    {
        var header = answer.CreateElement("soap", "Header", PopulationWire.SoapNamespace);
        envelope.InsertBefore(header, body);
        body.RemoveChild(genuine);
        header.AppendChild(genuine);
    }
}
