using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Hub.Gateway.AccessRights;

namespace Lgsp.Hub.Tests.Gateway.AccessRights;

public sealed class CanonicalFieldsTests
{
    [Fact]
    public void PathsFor_Business_NamesNestedAndListFields()
    {
        var paths = CanonicalFields.PathsFor(SourceNames.Business);

        Assert.Contains("name", paths);
        Assert.Contains("headOffice.wardCode", paths);
        Assert.Contains("representatives.fullName", paths);
        Assert.DoesNotContain("representatives.salary", paths);
        Assert.Contains("periods.salary", CanonicalFields.PathsFor(SourceNames.Insurance));
        Assert.Contains("permanentAddress.full", CanonicalFields.PathsFor(SourceNames.Population));
        Assert.Contains("matched", CanonicalFields.PathsFor(SourceNames.Population));
        Assert.Empty(CanonicalFields.PathsFor("tax"));
    }

    [Fact]
    public void Narrow_KeepsTheAllowedFieldsTheKeyAndRequiredMembersOnly()
    {
        var packet = new Packet(Header(), new Citizen
        {
            PersonalId = PersonalId.Parse("001190004321"),
            Name = new PersonName { Family = "Nguyễn", Middle = "Thị", Given = "Lan", Full = "Nguyễn Thị Lan" },
            Gender = Genders.Female,
            BirthYear = 1990,
            PermanentAddress = new Address { ProvinceCode = "01", WardCode = "00004", Detail = "Số 1", Full = "Số 1, Ba Đình, Hà Nội" },
            Father = new Relative { FullName = "Nguyễn Văn Nam", PersonalId = PersonalId.Parse("001060001234") },
        });

        var narrowed = CanonicalFields.Narrow(packet, FieldSelection.Parse(["name.given", "permanentAddress.wardCode", "gender", "father.nationality"]));

        var body = JsonDocument.Parse(PacketJson.ToUtf8Bytes(narrowed)).RootElement.GetProperty("body").GetProperty("citizen");
        Assert.Equal(["personalId", "name", "gender", "permanentAddress", "father"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["given", "full"], body.GetProperty("name").EnumerateObject().Select(p => p.Name)); // full is required
        Assert.Equal(["wardCode"], body.GetProperty("permanentAddress").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["fullName"], body.GetProperty("father").EnumerateObject().Select(p => p.Name)); // no personal id
        Assert.Equal(packet.Header, narrowed.Header);
    }

    [Fact]
    public void Narrow_CivilRegistrationList_NarrowsEveryItem()
    {
        var entry = new CivilRegistration
        {
            Kind = CivilRegistrationKinds.Birth,
            OfficeCode = "00004",
            BookNo = "01/2019",
            RegistrationNo = 12,
            PlaceOfBirth = "Hà Nội",
            Subject = new RegisteredPerson { FullName = "Nguyễn Thị Lan", PersonalId = PersonalId.Parse("001190004321") },
        };
        var packet = new Packet(Header(), new CivilRegistrationList { Registrations = [entry, entry with { RegistrationNo = 13 }] });

        var narrowed = CanonicalFields.Narrow(packet, FieldSelection.Parse(["subject.fullName"]));

        var list = Assert.IsType<CivilRegistrationList>(narrowed.Body);
        Assert.All(list.Registrations, r =>
        {
            Assert.Null(r.PlaceOfBirth);
            Assert.Null(r.Subject!.PersonalId);
            Assert.Equal("Nguyễn Thị Lan", r.Subject.FullName);
        });
        Assert.Equal([12, 13], list.Registrations.Select(r => r.RegistrationNo));
    }

    private static PacketHeader Header() => new()
    {
        MessageId = Guid.Parse("0193a5f0-0000-7000-8000-000000000001"),
        Sender = AgencyCode.Parse("000.00.00.H56"),
        Receiver = AgencyCode.Parse("000.00.01.H56"),
        Service = SourceNames.Population,
        Operation = "TraCuuThongTinCongDan",
        CreatedAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(7)),
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "canbo.1",
    };
}
