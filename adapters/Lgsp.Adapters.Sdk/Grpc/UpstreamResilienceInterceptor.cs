using Grpc.Core;
using Grpc.Core.Interceptors;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Lgsp.Adapters.Sdk.Grpc;

/// <summary>
/// Runs each unary gRPC call through the source's standard pipeline: every attempt is a fresh call whose
/// cancellation token is the attempt's (so the attempt timeout and the caller's cancellation both reach the wire),
/// and the call the caller sees carries the headers, status and trailers of the last attempt.
/// </summary>
internal sealed class UpstreamResilienceInterceptor(
    string source,
    string pipelineKey,
    Func<IMethod, bool> isIdempotent,
    ResiliencePipelineProvider<string> pipelines,
    IOptionsMonitor<UpstreamOptions> options) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var attempt = new LastAttempt<TResponse>();
        var response = RunAsync(request, context, continuation, attempt);
        return new AsyncUnaryCall<TResponse>(
            response,
            HeadersAsync(response, attempt),
            () => attempt.Call?.GetStatus() ?? new Status(StatusCode.Unavailable, "No attempt was made."),
            () => attempt.Call?.GetTrailers() ?? [],
            () => attempt.Call?.Dispose());
    }

    private async Task<TResponse> RunAsync<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation, LastAttempt<TResponse> attempt)
        where TRequest : class
        where TResponse : class
    {
        if (!options.Get(source).Enabled)
        {
            throw UpstreamFaults.Disabled(source);
        }

        var pipeline = pipelines.GetPipeline<object>(pipelineKey);
        var resilienceContext = ResilienceContextPool.Shared.Get(context.Options.CancellationToken);
        resilienceContext.Properties.Set(GrpcOutcomes.IdempotentKey, isIdempotent(context.Method));
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var callOptions = state.context.Options.WithCancellationToken(ctx.CancellationToken);
                    var call = state.continuation(state.request, new ClientInterceptorContext<TRequest, TResponse>(state.context.Method, state.context.Host, callOptions));
                    state.attempt.Call?.Dispose();
                    state.attempt.Call = call;
                    try
                    {
                        return (object)await call.ResponseAsync.ConfigureAwait(false);
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ctx.CancellationToken.IsCancellationRequested)
                    {
                        // Our token ended the call (the attempt timeout or the caller): say so in .NET terms, so Polly
                        // reports a timeout and the caller's cancellation stays an OperationCanceledException. A
                        // DeadlineExceeded the upstream itself sends stays an RpcException and is retried.
                        throw new OperationCanceledException("The call was cancelled.", ex, ctx.CancellationToken);
                    }
                },
                resilienceContext,
                (request, context, continuation, attempt)).ConfigureAwait(false);
            return (TResponse)result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    private static async Task<Metadata> HeadersAsync<TResponse>(Task<TResponse> response, LastAttempt<TResponse> attempt)
    {
        try
        {
            await response.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The last attempt still has headers to show, below.
        }

        return attempt.Call is { } call ? await call.ResponseHeadersAsync.ConfigureAwait(false) : [];
    }

    private sealed class LastAttempt<TResponse>
    {
        public AsyncUnaryCall<TResponse>? Call { get; set; }
    }
}
