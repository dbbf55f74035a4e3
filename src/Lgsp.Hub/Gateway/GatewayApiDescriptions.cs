using Lgsp.Hub.Identity;
using Microsoft.OpenApi;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The OpenAPI description every lookup endpoint shares (<c>/openapi/v1.json</c>, <c>/docs</c>): the scope it needs,
/// the gateway's headers, the signed packet it answers with and the problem details it may answer instead.
/// </summary>
internal static class GatewayApiDescriptions
{
    /// <summary>Scope, tag, summary, description, answers and the gateway's headers of one lookup endpoint.</summary>
    public static RouteHandlerBuilder DescribeLookup(this RouteHandlerBuilder endpoint, string tag, string scope, bool officer, string summary)
    {
        return endpoint.RequireScope(scope)
            .WithTags("Lookups: " + tag)
            .WithSummary(summary)
            .WithDescription($"""
                Needs a bearer token with `{scope}`, an access right for the calling client (config/access-rights.json) and
                the `{GatewayHeaders.Purpose}` header{(officer ? $" and the `{GatewayHeaders.OfficerId}` header" : string.Empty)}.
                Answers with the canonical packet (schemas/packet/v1): JSON by default, signed by a detached JWS in
                `{GatewayHeaders.Signature}`; XML with an enveloped XML-DSig on `Accept: application/xml`. Verification keys:
                `/.well-known/lgsp/keys`. The answer's header carries `requestHash`, the SHA-256 of this request as sent
                (method, path and query, the `X-Lgsp-*` headers, body; canonical form in the Gateway README).
                Faults are RFC 9457 problem details with `code` and `faultOrigin`.
                """)
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/json", "application/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(Header(GatewayHeaders.Purpose, true, "Why the data is asked for: the procedure code (1.001193)."));
                operation.Parameters.Add(Header(GatewayHeaders.OfficerId, officer, "The officer on whose behalf (MaCanBo)."));
                operation.Parameters.Add(Header(GatewayHeaders.RequestId, false, "Your id for this exchange; the answer's correlation id."));
                if (operation.Responses?.TryGetValue("200", out var answer) == true && answer is OpenApiResponse ok)
                {
                    ok.Description = "The canonical packet (schemas/packet/v1), signed: JSON with a detached JWS in X-Lgsp-Signature, or XML with an enveloped XML-DSig.";
                    ok.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "schemas/packet/v1/packet.schema.json" } },
                        ["application/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "schemas/packet/v1/packet.xsd, signed in place" } },
                    };
                    ok.Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        [GatewayHeaders.Signature] = new OpenApiHeader { Description = "JSON answers: detached JWS (RS256) over the body's bytes; keys at /.well-known/lgsp/keys.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                        [GatewayHeaders.ExchangeId] = new OpenApiHeader { Description = "The hub's exchange id (the packet's messageId).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    };
                }

                return Task.CompletedTask;
            });
    }

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
