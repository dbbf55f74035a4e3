using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Errors;
using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The writing endpoints' handlers: a dossier upserted, steps appended, a batch; the body read under its cap and its idempotency key.</summary>
internal static partial class StatusSyncApi
{
    private static async Task<IResult> UpsertAsync(HttpContext http, DossierIngestion ingestion, StatusSyncOptions options, string source)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var input = Deserialize<DossierInput>(body, errors);
        var dossier = input is null ? null : DossierInputReader.ReadDossier(input, "", errors);
        CheckProcedure(http, dossier, "", errors);
        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(source, [new UpsertDossier(dossier!, "")], IngestionShape.Dossier, idempotency), http.RequestAborted));
    }

    private static async Task<IResult> AppendStepsAsync(HttpContext http, string code, DossierIngestion ingestion, StatusSyncOptions options)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var dossierCode = DossierInputReader.ReadCode(code, "code", errors);
        var input = Deserialize<StepsInput>(body, errors);
        var steps = input is null ? [] : DossierInputReader.ReadSteps(input.Steps, "/steps", options.MaxStepsPerRequest, errors);
        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(SyncSides.Provincial, [new AppendSteps(dossierCode!.Value, steps, "/steps", "code")], IngestionShape.Steps, idempotency),
            http.RequestAborted));
    }

    /// <summary>
    /// Refused whole only for what concerns the batch itself (no body, malformed JSON around the items, no items, too
    /// many, a bad key); each item is then read on its own (its JSON, its structure) and an unreadable item answers
    /// with its own problem while the others go on (<see cref="DossierIngestion"/>).
    /// </summary>
    private static async Task<IResult> BatchAsync(HttpContext http, DossierIngestion ingestion, StatusSyncOptions options)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var input = Deserialize<BatchEnvelope>(body, errors);
        var commands = new List<IngestionCommand>();
        var failures = new Dictionary<int, ItemReadFailure>();
        var count = 0;
        if (input is not null)
        {
            if (input.Items is not { Count: > 0 } items)
            {
                errors.Add(IngestionErrors.BatchEmpty);
            }
            else if (items.Count > options.MaxBatchItems)
            {
                errors.Add(IngestionErrors.BatchTooLarge(options.MaxBatchItems));
            }
            else
            {
                count = items.Count;
                for (var i = 0; i < items.Count; i++)
                {
                    var pointer = "/items/" + i.ToString(CultureInfo.InvariantCulture);
                    var itemErrors = new ValidationErrors();
                    var command = ReadItem(items[i], pointer, options, itemErrors, out var code);
                    CheckProcedure(http, (command as UpsertDossier)?.Dossier, pointer + "/dossier", itemErrors);
                    if (itemErrors.ToException() is { } failure)
                    {
                        failures[i] = new ItemReadFailure(code, failure);
                    }
                    else if (command is not null)
                    {
                        commands.Add(command with { Index = i });
                    }
                }
            }
        }

        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(SyncSides.Provincial, commands, IngestionShape.Batch, idempotency)
            {
                ItemCount = count,
                ReadFailures = failures,
                English = ProblemDetailsMapper.PrefersEnglish(http.Request),
            },
            http.RequestAborted));
    }

    /// <summary>A dossier's national procedure code must be in the catalogue's copy (once there is one): <c>client.unknown_procedure</c>.</summary>
    private static void CheckProcedure(HttpContext http, Dossier? dossier, string prefix, ValidationErrors errors)
    {
        var catalogue = http.RequestServices.GetRequiredService<Lgsp.Hub.Catalogue.ProcedureCatalogue>();
        if (dossier?.Procedure.NationalCode is { } code && !string.IsNullOrEmpty(code.Value) && !catalogue.Accepts(code))
        {
            errors.Add(ErrorCatalogue.UnknownProcedure, Lgsp.Hub.Catalogue.ProcedureCatalogue.UnknownProcedureField.WithField(prefix + "/procedure/nationalCode"));
        }
    }

    /// <summary>One batch item from its JSON; <paramref name="code"/> is its dossier's code when that much could be read.</summary>
    private static IngestionCommand? ReadItem(JsonElement element, string pointer, StatusSyncOptions options, ValidationErrors errors, out string? code)
    {
        code = null;
        BatchItemInput? item;
        try
        {
            item = element.Deserialize(StatusSyncJson.TypeInfo<BatchItemInput>());
        }
        catch (JsonException ex)
        {
            errors.Add(IngestionErrors.Json(pointer + Pointer(ex.Path), ex.Message));
            return null;
        }

        switch (item)
        {
            case { Dossier: { } dossier, Progress: null }:
                code = CodeOf(dossier.Code);
                var read = DossierInputReader.ReadDossier(dossier, pointer + "/dossier", errors);
                return read is null ? null : new UpsertDossier(read, pointer + "/dossier");
            case { Dossier: null, Progress: { } progress }:
                code = CodeOf(progress.DossierCode);
                var dossierCode = DossierInputReader.ReadCode(progress.DossierCode, pointer + "/progress/dossierCode", errors);
                var steps = DossierInputReader.ReadSteps(progress.Steps, pointer + "/progress/steps", options.MaxStepsPerRequest, errors);
                return dossierCode is { } c ? new AppendSteps(c, steps, pointer + "/progress/steps", pointer + "/progress/dossierCode") : null;
            default:
                errors.Add(IngestionErrors.BatchItemKind.WithField(pointer));
                return null;
        }
    }

    /// <summary>The canonical code when the text is one (else null: an item without a readable code blocks nothing).</summary>
    private static string? CodeOf(string? text) => DossierCode.TryParse(text, out var code, out _) ? code.Value : null;

    /// <summary>The body (bounded) and the idempotency key with the request's hash.</summary>
    private static async Task<(byte[] Body, IdempotencyRequest? Key)> ReadAsync(HttpContext http, StatusSyncOptions options)
    {
        var request = http.Request;
        if (request.ContentLength > options.MaxRequestBytes)
        {
            throw TooLarge(options.MaxRequestBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > options.MaxRequestBytes)
            {
                throw TooLarge(options.MaxRequestBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        if (!request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            return (body, null);
        }

        var key = header.ToString();
        if (header.Count != 1 || key.Length is 0 or > 255 || key.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new LgspException(ErrorCatalogue.ValidationFailed, IngestionErrors.IdempotencyKeyFormat.Message, [IngestionErrors.IdempotencyKeyFormat]);
        }

        // The same key with another method, path or body is another request (refused as a reused key).
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(request.Method + " " + request.Path + "\n"), .. body]);
        return (body, new IdempotencyRequest(Scope(http), key, Convert.ToHexStringLower(hash)));
    }

    /// <summary>Idempotency keys are unique per client: two clients may pick the same key.</summary>
    private static string Scope(HttpContext http) => "client:" + (ClientId(http.User) ?? "anonymous");

    private static T? Deserialize<T>(byte[] body, ValidationErrors errors)
        where T : class
    {
        if (body.Length == 0)
        {
            errors.Add(IngestionErrors.BodyMissing);
            return null;
        }

        try
        {
            var value = StatusSyncJson.Deserialize<T>(body);
            if (value is null)
            {
                errors.Add(IngestionErrors.BodyMissing);
            }

            return value;
        }
        catch (JsonException ex)
        {
            errors.Add(IngestionErrors.Json(Pointer(ex.Path), ex.Message));
            return null;
        }
    }

    private static IResult Answer(HttpContext http, IngestionResponse response)
    {
        if (response.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return new StoredJson(response.StatusCode, response.Body);
    }

    /// <summary><c>$.owner.identifiers[0].value</c> → <c>/owner/identifiers/0/value</c>.</summary>
    private static string Pointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var part in path.TrimStart('$').Split(['.', '['], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(part.TrimEnd(']').Trim('\''));
        }

        return builder.ToString();
    }

    private static LgspException TooLarge(int max)
    {
        var error = new FieldError("", "body.too_large",
            string.Create(CultureInfo.InvariantCulture, $"Nội dung yêu cầu vượt quá {max} byte; hãy chia nhỏ lô."),
            string.Create(CultureInfo.InvariantCulture, $"The request body exceeds {max} bytes; split the batch."));
        return new LgspException(ErrorCatalogue.BodyTooLarge, error.Message, [error]);
    }

    /// <summary>An answer already serialised (and possibly stored for replay): status and bytes as they are.</summary>
    private sealed class StoredJson(int statusCode, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
