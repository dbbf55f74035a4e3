using System.Globalization;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity.Throttling;

/// <summary>
/// Where <see cref="ClientAuthThrottle"/> meets OpenIddict's client authentication (token, introspection and
/// revocation endpoints): <see cref="RefuseThrottled"/> before the client is looked up, <see cref="CountSuccess"/>
/// once its secret passed, <see cref="AnswerThrottled{TContext}"/> when the response is written (counts
/// <c>invalid_client</c> and words it the same whatever the cause, turns a refusal into 429 with <c>Retry-After</c>).
/// </summary>
/// <remarks>
/// The refusal is OAuth error JSON, not a ProblemDetails, like every other answer of these endpoints. Its code is
/// <c>temporarily_unavailable</c> (RFC 6749 §4.1.2.1, registered in the OAuth Extensions Error Registry): the server
/// will not handle the request now, try later. Not <c>slow_down</c>: RFC 8628 §3.5 defines it for polling a pending
/// device authorization ("increase the interval by 5 seconds"), which a token request here is not; nor
/// <c>invalid_client</c>, which would tell a client with the right secret that its secret is wrong.
/// </remarks>
internal static class ClientAuthThrottleHandlers
{
    public const string RetryAfterProperty = ".lgsp_client_auth_retry_after";

    public static bool IsClientAuthenticationEndpoint(OpenIddictServerEndpointType type) =>
        type is OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation;

    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
    [
        RefuseThrottled.Descriptor,
        CountSuccess.Descriptor,
        AnswerThrottled<ApplyTokenResponseContext>.Descriptor,
        AnswerThrottled<ApplyIntrospectionResponseContext>.Descriptor,
        AnswerThrottled<ApplyRevocationResponseContext>.Descriptor,
    ];

    /// <summary>
    /// Refuses a throttled client id or source before any work; otherwise, for a client id that is not registered,
    /// spends on the presented secret what a registered client's wrong secret costs (<see cref="CachingApplicationManager.CheckUnknownClientSecretAsync"/>),
    /// so the time of an <c>invalid_client</c> answer does not tell which client ids exist.
    /// </summary>
    internal sealed class RefuseThrottled(ClientAuthThrottle throttle, IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseScopedHandler<RefuseThrottled>()
                .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (!IsClientAuthenticationEndpoint(context.EndpointType))
            {
                return;
            }

            var source = SourceAddress.Of(context.Transaction.GetHttpRequest()?.HttpContext);
            if (throttle.Refusal(context.ClientId, source) is { } wait)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Transaction.Properties[RetryAfterProperty] = seconds;
                context.Reject(
                    error: OpenIddictConstants.Errors.TemporarilyUnavailable,
                    description: string.Create(CultureInfo.InvariantCulture, $"Too many failed client authentications from this client or address; retry after {seconds} seconds."));
                return;
            }

            if (!string.IsNullOrEmpty(context.ClientId) && !string.IsNullOrEmpty(context.ClientSecret)
                && applications is CachingApplicationManager manager
                && await manager.FindByClientIdAsync(context.ClientId, context.CancellationToken) is null)
            {
                await manager.CheckUnknownClientSecretAsync(context.ClientSecret, context.CancellationToken);
            }
        }
    }

    /// <summary>The client authenticated (OpenIddict rejects and stops before this otherwise).</summary>
    internal sealed class CountSuccess(ClientAuthThrottle throttle) : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseSingletonHandler<CountSuccess>()
                .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (IsClientAuthenticationEndpoint(context.EndpointType) && !string.IsNullOrEmpty(context.ClientId))
            {
                throttle.Succeeded(context.ClientId, SourceAddress.Of(context.Transaction.GetHttpRequest()?.HttpContext));
            }

            return default;
        }
    }

    /// <summary>After OpenIddict set the status code, before the body is written.</summary>
    internal sealed class AnswerThrottled<TContext>(ClientAuthThrottle throttle) : IOpenIddictServerHandler<TContext>
        where TContext : BaseRequestContext
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
                .UseSingletonHandler<AnswerThrottled<TContext>>()
                .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<TContext>.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(TContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var http = context.Transaction.GetHttpRequest()?.HttpContext;
            if (http is null)
            {
                return default;
            }

            if (context.Transaction.Properties.TryGetValue(RetryAfterProperty, out var retryAfter) && retryAfter is int seconds)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            else if (context.Transaction.Response is { Error: OpenIddictConstants.Errors.InvalidClient } response)
            {
                // One text for an unknown client id and a wrong secret (OpenIddict words them differently), so that
                // neither the answer nor its time tells which client ids exist.
                response.ErrorDescription = "The client authentication failed.";
                response.ErrorUri = null;
                throttle.Failed(context.Transaction.Request?.ClientId, SourceAddress.Of(http));
            }

            return default;
        }
    }
}
