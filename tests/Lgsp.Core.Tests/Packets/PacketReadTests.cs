using System.Text.Json.Nodes;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Tests.Packets;

/// <summary>Every way a packet can be refused: the catalogue code, the reason and the field it names.</summary>
public sealed class PacketReadTests
{
    public static TheoryData<string, string, string> JsonMutations() => new()
    {
        // mutation, expected field, expected reason
        { "version=2.0", "/version", "packet.version" },
        { "remove:version", "/version", "packet.missing" },
        { "remove:header", "/header", "packet.missing" },
        { "add:extra", "/extra", "packet.unknown_member" },
        { "header.remove:sender", "/header", "packet.malformed" },
        { "header.add:priority", "/header/priority", "packet.malformed" },
        { "header.sender=H56.14", "/header/sender", "packet.not_canonical" },
        { "header.sender=000.00.14.X56", "/header/sender", "agency_code.level1_kind" },
        { "header.createdAt=2026-11-24T02:41:07Z", "/header/createdAt", "packet.time_offset" },
        { "header.createdAt=yesterday", "/header/createdAt", "packet.malformed" },
        { "header.purpose=1.003560.000.00.00.H56", "/header/purpose", "packet.not_canonical" },
        { "header.service=Population", "/header/service", "packet.schema" },
        { "header.operation=", "/header/operation", "packet.schema" },
        { "body.add:fault", "/body", "packet.body_count" },
        { "body.rename:citizenRecord", "/body/citizenRecord", "packet.unknown_body" },
        { "step.status=11", "/body/dossierProgress/steps/0/status", "packet.schema" },
        { "step.status=0", "/body/dossierProgress/steps/0/status", "packet.schema" },
        { "step.actor=51", "/body/dossierProgress/steps/0/actor", "packet.schema" },
        { "step.seq=0", "/body/dossierProgress/steps/0/seq", "packet.schema" },
        { "progress.dossierCode=H56.14-251340-0001", "/body/dossierProgress/dossierCode", "dossier_code.date" },
        { "progress.steps=[]", "/body/dossierProgress/steps", "packet.schema" },
        { "hash.value=E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "/header/requestHash/value", "packet.schema" },
        { "hash.value=e3b0c442", "/header/requestHash/value", "packet.schema" },
        { "hash.algorithm=sha1", "/header/requestHash/algorithm", "packet.schema" },
        { "hash.add:salt", "/header/requestHash/salt", "packet.malformed" },
    };

    [Theory]
    [MemberData(nameof(JsonMutations))]
    public void ReadJson_InvalidPacket_IsRefusedNamingTheField(string mutation, string field, string reason)
    {
        var json = Mutate(JsonNode.Parse(PacketJson.ToJson(SamplePackets.Progress(steps: 1)))!.AsObject(), mutation);

        var ex = Assert.Throws<LgspException>(() => PacketJson.Read(json));

        Assert.Equal("client.invalid_packet", ex.Error.Code);
        Assert.Contains(ex.FieldErrors, e => e.Field == field && e.Reason == reason);
        Assert.All(ex.FieldErrors, e => Assert.False(string.IsNullOrWhiteSpace(e.MessageVi)));
    }

    [Fact]
    public void ReadJson_SeveralSchemaViolations_ListsEveryOne()
    {
        var root = JsonNode.Parse(PacketJson.ToJson(SamplePackets.Progress(steps: 2)))!.AsObject();
        root["header"]!["service"] = "Bad Service";
        root["body"]!["dossierProgress"]!["steps"]![1]!["actor"] = new string('x', 51);

        var ex = Assert.Throws<LgspException>(() => PacketJson.Read(root.ToJsonString()));

        Assert.Equal(["/body/dossierProgress/steps/1/actor", "/header/service"], ex.FieldErrors.Select(e => e.Field).Order());
    }

    [Fact]
    public void ReadJson_NotJson_IsMalformed()
    {
        var ex = Assert.Throws<LgspException>(() => PacketJson.Read("{\"version\":"));

        Assert.Equal("client.invalid_packet", ex.Error.Code);
        Assert.Equal("packet.malformed", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void ReadJson_TooLarge_IsRefusedBeforeParsing()
    {
        var ex = Assert.Throws<LgspException>(() => PacketJson.Read(new byte[PacketJson.MaxBytes + 1]));

        Assert.Equal("packet.too_large", Assert.Single(ex.FieldErrors).Reason);
    }

    public static TheoryData<string, string, string, string> XmlMutations() => new()
    {
        // find, replace, expected field, expected reason
        { "Id=\"pkt-0b6f", "Id=\"pkt-1b6f", "/Packet/@Id", "packet.id_mismatch" },
        { "Version=\"1.0\"", "Version=\"2.0\"", "/Packet/@Version", "packet.schema" },
        { "<Sender>000.00.14.H56</Sender>", "<Sender>H56.14</Sender>", "/Packet/Header/Sender", "packet.schema" },
        { "<Sender>000.00.14.H56</Sender>", "", "/Packet/Header/Receiver", "packet.schema" },
        { "<Actor>Nguyễn Văn Bình</Actor>", "<Actor>" + new string('x', 51) + "</Actor>", "/Packet/Body/DossierProgress/Steps/Step[1]/Actor", "packet.schema" },
        { "<Status>2</Status>", "<Status>11</Status>", "/Packet/Body/DossierProgress/Steps/Step[1]/Status", "packet.schema" },
        { "<CreatedAt>2026-11-24T09:41:07+07:00</CreatedAt>", "<CreatedAt>2026-11-24T02:41:07Z</CreatedAt>", "/Packet/Header/CreatedAt", "packet.schema" },
        { "</Header>", "<Extra>1</Extra></Header>", "/Packet/Header/Extra", "packet.schema" },
        { "<Algorithm>sha256</Algorithm>", "<Algorithm>md5</Algorithm>", "/Packet/Header/RequestHash/Algorithm", "packet.schema" },
        { "<Value>e3b0c442", "<Value>E3B0C442", "/Packet/Header/RequestHash/Value", "packet.schema" },
        { "<DossierCode>H56.14-250812-0035</DossierCode>", "<DossierCode>H56.14-251340-0035</DossierCode>", "/Packet/Body/DossierProgress/DossierCode", "dossier_code.date" },
    };

    [Theory]
    [MemberData(nameof(XmlMutations))]
    public void ReadXml_InvalidPacket_IsRefusedNamingTheField(string find, string replace, string field, string reason)
    {
        var xml = PacketXml.ToXml(SamplePackets.Progress(steps: 1));
        Assert.Contains(find, xml, StringComparison.Ordinal);

        var ex = Assert.Throws<LgspException>(() => PacketXml.Read(xml.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal("client.invalid_packet", ex.Error.Code);
        Assert.Contains(ex.FieldErrors, e => e.Field == field && e.Reason == reason);
    }

    [Fact]
    public void ReadXml_WrongNamespace_IsRefused()
    {
        var xml = PacketXml.ToXml(SamplePackets.Verification()).Replace(PacketXml.Namespace, "urn:other", StringComparison.Ordinal);

        var ex = Assert.Throws<LgspException>(() => PacketXml.Read(xml));

        Assert.Equal("client.invalid_packet", ex.Error.Code);
        Assert.Equal("/", Assert.Single(ex.FieldErrors).Field);
    }

    [Fact]
    public void ReadXml_Doctype_IsUnsafe()
    {
        var xml = "<!DOCTYPE Packet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + PacketXml.ToXml(SamplePackets.Verification());

        var ex = Assert.Throws<LgspException>(() => PacketXml.Read(xml));

        Assert.Equal("client.unsafe_xml", ex.Error.Code);
    }

    [Fact]
    public void ReadXml_BooleanLexicalForms_AreAccepted()
    {
        var xml = PacketXml.ToXml(SamplePackets.Verification()).Replace("<Matched>true</Matched>", "<Matched>1</Matched>", StringComparison.Ordinal);

        var packet = PacketXml.Read(xml);

        Assert.True(Assert.IsType<CitizenVerification>(packet.Body).Matched);
    }

    private static string Mutate(JsonObject root, string mutation)
    {
        var progress = root["body"]!["dossierProgress"]!.AsObject();
        var step = progress["steps"]![0]!.AsObject();
        var (target, op) = mutation.Split('.', 2) switch
        {
            ["header", var rest] => (root["header"]!.AsObject(), rest),
            ["body", var rest] => (root["body"]!.AsObject(), rest),
            ["step", var rest] => (step, rest),
            ["progress", var rest] => (progress, rest),
            ["hash", var rest] => (root["header"]!["requestHash"]!.AsObject(), rest),
            _ => (root, mutation),
        };

        if (op.StartsWith("remove:", StringComparison.Ordinal))
        {
            target.Remove(op["remove:".Length..]);
        }
        else if (op.StartsWith("add:", StringComparison.Ordinal))
        {
            target[op["add:".Length..]] = new JsonObject();
        }
        else if (op.StartsWith("rename:", StringComparison.Ordinal))
        {
            var value = target["dossierProgress"]!;
            target.Remove("dossierProgress");
            target[op["rename:".Length..]] = value;
        }
        else
        {
            var (name, value) = (op[..op.IndexOf('=', StringComparison.Ordinal)], op[(op.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            target[name] = value switch
            {
                "[]" => new JsonArray(),
                "51" => new string('x', 51),
                _ when int.TryParse(value, out var n) && name is "status" or "seq" => n,
                _ => value,
            };
        }

        return root.ToJsonString();
    }
}
