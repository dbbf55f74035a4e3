using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lgsp.Hub.Gateway;

/// <summary>The body of <c>POST /api/v1/population/citizens/verify</c>.</summary>
internal sealed record CitizenVerificationInput(string? PersonalId, string? FullName, string? DateOfBirth, int? BirthYear);

/// <summary>The gateway's request bodies, read without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CitizenVerificationInput))]
internal sealed partial class GatewayJson : JsonSerializerContext;
