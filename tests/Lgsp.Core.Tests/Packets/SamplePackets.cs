using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Tests.Packets;

/// <summary>Builders of valid packets of every body type, with Vietnamese text and every optional field set.</summary>
internal static class SamplePackets
{
    public static readonly DateTimeOffset At = new(2026, 11, 24, 9, 41, 7, TimeSpan.FromHours(7));

    public static PacketHeader Header(string service = "population", string operation = "XacThucThongTinCongDan") => new()
    {
        MessageId = Guid.Parse("0b6f6f0e-6a2c-4c1e-9d3e-6c1f8a2d9b11"),
        CorrelationId = "H56.14-250812-0035",
        InReplyTo = Guid.Parse("7d9f3c1a-2b4e-4f60-8a1c-3e5b7d9f1a2c"),
        Sender = AgencyCode.Parse("000.00.14.H56"),
        Receiver = AgencyCode.Parse("000.00.00.G22"),
        Service = service,
        Operation = operation,
        CreatedAt = At,
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "CB-0042",
        RequestHash = new PacketDigest { Algorithm = PacketDigest.Sha256, Value = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    };

    public static Packet Verification() => new(Header(), new CitizenVerification
    {
        PersonalId = PersonalId.Parse("056085123456"),
        Matched = true,
        ComparedFields = ["fullName", "dateOfBirth"],
    });

    public static Packet Progress(int steps = 2) => new(Header("dvcqg", "CapNhatTienDoHoSoMC"), new DossierProgress
    {
        DossierCode = DossierCode.Parse("H56.14-250812-0035"),
        DossierCodeAlias = DossierCode.Parse("H56.14-250812-48213"),
        ProcedureCode = ProcedureCode.Parse("1.001193"),
        DueAt = new DateTimeOffset(2025, 8, 15, 17, 0, 0, TimeSpan.FromHours(7)),
        Steps = Enumerable.Range(1, steps).Select(i => new ProcessingStep
        {
            Seq = i,
            Status = i == 1 ? DossierStatus.Accepted : DossierStatus.SupplementRequested,
            Actor = "Nguyễn Văn Bình",
            ActorTitle = "Chuyên viên",
            Department = "Phòng Hộ tịch",
            Note = "Bổ sung bản sao giấy chứng sinh; ghi chú có ký tự đặc biệt <&> \"trích dẫn\"",
            OccurredAt = new DateTimeOffset(2025, 8, 12, 9, 41, 7, TimeSpan.FromHours(7)).AddHours(i),
            StepStartAt = new DateTimeOffset(2025, 8, 12, 8, 0, 0, TimeSpan.FromHours(7)),
            StepDueAt = new DateTimeOffset(2025, 8, 14, 17, 0, 0, 123, TimeSpan.FromHours(7)),
        }).ToList(),
    });

    public static Packet Fault() => new(Header() with { CorrelationId = null, InReplyTo = null, Purpose = null, OfficerId = null },
        Lgsp.Core.Packets.Fault.From(UpstreamErrors.For("population").Timeout, "Không có phản hồi sau 10 giây."));

    public static Packet Citizen() => new(Header("population", "TraCuuThongTinCongDan"), new Citizen
    {
        PersonalId = PersonalId.Parse("056085123456"),
        OldId = PersonalId.Parse("225123456"),
        Name = new PersonName { Family = "Nguyễn", Middle = "Thị Thùy", Given = "Dương", Full = "Nguyễn Thị Thùy Dương" },
        Gender = Genders.Female,
        DateOfBirth = new DateOnly(1985, 3, 14),
        BirthYear = 1985,
        Ethnicity = "Kinh",
        Religion = "Không",
        Nationality = "Việt Nam",
        MaritalStatus = "Đã kết hôn",
        BloodType = "O",
        BirthRegistrationPlace = Ward("Phường Nha Trang"),
        Hometown = Ward("Xã Diên Khánh"),
        PermanentAddress = Ward("Phường Nha Trang") with { Detail = "Số 12, đường Lê Lợi, tổ dân phố 3", Full = "Số 12, đường Lê Lợi, tổ dân phố 3, Phường Nha Trang, Tỉnh Khánh Hòa" },
        CurrentAddress = Ward("Phường Nha Trang"),
        Father = new Relative { FullName = "Nguyễn Văn An", PersonalId = PersonalId.Parse("056055000123"), Nationality = "Việt Nam" },
        Mother = new Relative { FullName = "Trần Thị Bích", Nationality = "Việt Nam" },
        Spouse = new Relative { FullName = "Lê Minh Khoa", PersonalId = PersonalId.Parse("056083000456") },
        HouseholdHead = new HouseholdHead { FullName = "Lê Minh Khoa", PersonalId = PersonalId.Parse("056083000456"), Relation = "Vợ" },
        HouseholdBookNo = "560123456",
    });

    public static Packet Enterprise() => new(Header("business", "chiTietDoanhNghiep"), new Enterprise
    {
        Code = EnterpriseCode.Parse("0306182043-001"),
        Name = "CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ HOÀNG GIA",
        ForeignName = "HOANG GIA TRADING SERVICE COMPANY LIMITED",
        ShortName = "HOÀNG GIA CO., LTD",
        TypeName = "Công ty trách nhiệm hữu hạn hai thành viên trở lên",
        StatusName = "Đang hoạt động",
        FoundedOn = new DateOnly(2012, 5, 3),
        HeadOffice = Ward("Phường Nha Trang") with { Full = "Số 5 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa" },
        Representatives = [new LegalRepresentative { FullName = "Hoàng Văn Gia", Position = "Giám đốc", PersonalId = PersonalId.Parse("056078000789") }],
        CharterCapital = 5_000_000_000,
    });

    public static Packet Parcel() => new(Header("land", "TraCuuThuaDat"), new LandParcel
    {
        ProvinceCode = "56",
        WardCode = "22333",
        WardName = "Phường Nha Trang",
        MapSheetNo = 12,
        ParcelNo = 345,
        Area = 120.5m,
        LandUseCode = "ODT",
        LandUseName = "Đất ở tại đô thị",
        UseTerm = "Lâu dài",
        Address = "Tổ dân phố 3, Phường Nha Trang",
        Certificate = new LandCertificate { Serial = "CS 123456", EntryNo = "CS01234", IssuedOn = new DateOnly(2019, 6, 20), Issuer = "Sở Tài nguyên và Môi trường tỉnh Khánh Hòa" },
        Owners = [new LandOwner { FullName = "Nguyễn Thị Thùy Dương", PersonalId = PersonalId.Parse("056085123456"), BirthYear = 1985 }],
    });

    public static Packet Insurance() => new(Header("insurance", "TraCuuQuaTrinhDong"), new SocialInsuranceRecord
    {
        Code = SocialInsuranceCode.Parse("7937368040"),
        FullName = "Nguyễn Thị Thùy Dương",
        DateOfBirth = new DateOnly(1985, 3, 14),
        Gender = Genders.Female,
        PersonalId = PersonalId.Parse("056085123456"),
        ProvinceCode = "56",
        Periods =
        [
            new ContributionPeriod { From = "2010-01", To = "2015-12", EmployerCode = "TZH490L", EmployerName = "Công ty TNHH Hoàng Gia", Position = "Kế toán", Salary = 6_500_000 },
            new ContributionPeriod { From = "2016-01", EmployerCode = "TZH512K", EmployerName = "Trường THPT Lý Tự Trọng", Position = "Giáo viên", Salary = 9_200_000 },
        ],
    });

    public static Packet Birth() => new(Header("civilregistry", "TraCuuHoTich"), BirthRecord());

    public static Packet CivilList() => new(Header("civilregistry", "TraCuuHoTichTheoCongDan"), new CivilRegistrationList
    {
        Registrations =
        [
            BirthRecord(),
            new CivilRegistration
            {
                Kind = CivilRegistrationKinds.Marriage,
                OfficeCode = "22333",
                BookNo = "01/2010",
                RegistrationNo = 7,
                RegisteredOn = new DateOnly(2010, 9, 9),
                Husband = new RegisteredPerson { FullName = "Lê Minh Khoa", PersonalId = PersonalId.Parse("056083000456"), Gender = Genders.Male },
                Wife = new RegisteredPerson { FullName = "Nguyễn Thị Thùy Dương", PersonalId = PersonalId.Parse("056085123456"), Gender = Genders.Female },
            },
        ],
    });

    public static TheoryData<string> Names() => new(["verification", "progress", "fault", "citizen", "enterprise", "parcel", "insurance", "birth", "civilList"]);

    public static Packet ByName(string name) => name switch
    {
        "verification" => Verification(),
        "progress" => Progress(),
        "fault" => Fault(),
        "citizen" => Citizen(),
        "enterprise" => Enterprise(),
        "parcel" => Parcel(),
        "insurance" => Insurance(),
        "birth" => Birth(),
        "civilList" => CivilList(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static CivilRegistration BirthRecord() => new()
    {
        Kind = CivilRegistrationKinds.Birth,
        OfficeCode = "22333",
        OfficeName = "UBND Phường Nha Trang",
        BookNo = "01/2025",
        RegistrationNo = 35,
        PageNo = 18,
        RegisteredOn = new DateOnly(2025, 3, 20),
        ResultCode = ResultCode.Parse("KQ.G15.000031"),
        Subject = new RegisteredPerson { FullName = "Lê Minh An", PersonalId = PersonalId.Parse("056225000111"), Gender = Genders.Male, DateOfBirth = new DateOnly(2025, 3, 14), Nationality = "Việt Nam" },
        Mother = new RegisteredPerson { FullName = "Nguyễn Thị Thùy Dương", PersonalId = PersonalId.Parse("056085123456") },
        Father = new RegisteredPerson { FullName = "Lê Minh Khoa", PersonalId = PersonalId.Parse("056083000456") },
        PlaceOfBirth = "Bệnh viện Đa khoa tỉnh Khánh Hòa",
    };

    private static Address Ward(string name) => new() { ProvinceCode = "56", ProvinceName = "Tỉnh Khánh Hòa", WardCode = "22333", WardName = name, Country = "VN" };
}
