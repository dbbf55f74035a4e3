namespace Lgsp.Sandbox.Population;

/// <summary>
/// A refusal of the population service: a SOAP 1.1 <c>soap:Client</c> fault (HTTP 500, as SOAP 1.1 requires) with
/// the service's own error code in <c>detail/LoiDichVu/MaLoi</c>. The codes are the stand-in's (inferred, the
/// real catalogue is not public): <c>DC00</c> unreadable request, <c>DC01</c> a required field missing,
/// <c>DC02</c> the integration code not registered, <c>DC03</c> no valid personal identifier, <c>DC04</c> unknown
/// operation or SOAPAction, <c>DC05</c> a field invalid.
/// </summary>
internal sealed class PopulationFault : Exception
{
    public const string Malformed = "DC00";
    public const string MissingField = "DC01";
    public const string NotRegistered = "DC02";
    public const string InvalidIdentifier = "DC03";
    public const string UnknownOperation = "DC04";
    public const string InvalidField = "DC05";

    public PopulationFault()
        : this(Malformed, "Yêu cầu không hợp lệ.")
    {
    }

    public PopulationFault(string message)
        : this(Malformed, message)
    {
    }

    public PopulationFault(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = Malformed;
    }

    private PopulationFault(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The service's error code (<c>MaLoi</c>).</summary>
    public string Code { get; }

    public static PopulationFault Client(string code, string message) => new(code, message);
}
