using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Hub.Gateway;

/// <summary>The subject of a lookup, for the message log's keyed hash: its kind and the identifier as given.</summary>
internal readonly record struct LookupSubject(string Kind, string? Identifier);

/// <summary>
/// What a parser (<see cref="GatewayInputs"/>) made of an endpoint's key or body: the source's argument, present only
/// when every check passed; the subject for the message log, as given even when malformed; and every problem found.
/// </summary>
internal sealed record LookupInput<TInput>(TInput? Value, LookupSubject Subject, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The argument when there is no problem, nothing otherwise.</summary>
    public static LookupInput<TInput> From(TInput? value, LookupSubject subject, IReadOnlyList<FieldError> errors) =>
        new(errors.Count == 0 ? value : default, subject, errors);

    /// <summary>No argument: the request's shape is wrong.</summary>
    public static LookupInput<TInput> Refused(LookupSubject subject, FieldError error) => new(default, subject, [error]);
}

/// <summary>The gateway's headers, parsed: the purpose, the officer (once well-formed), the client's request id, and every problem found.</summary>
internal sealed record LookupHeaders(ProcedureCode Purpose, string? OfficerId, string? RequestId, IReadOnlyList<FieldError> Errors);
