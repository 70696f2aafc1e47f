using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmEval.Judge.Tests;

/// <summary>One scripted answer of the fake server: a chat completion with the given text, or an HTTP error.</summary>
public sealed record ScriptedReply
{
    public int Status { get; init; } = 200;

    public string? Content { get; init; }

    public string? ErrorBody { get; init; }

    public Dictionary<string, string> Headers { get; init; } = [];

    public int PromptTokens { get; init; } = 1000;

    public int CachedTokens { get; init; } = 500;

    public int CompletionTokens { get; init; } = 200;

    public static ScriptedReply Text(string content) => new() { Content = content };

    public static ScriptedReply Error(int status, string? retryAfter = null) => new()
    {
        Status = status,
        ErrorBody = """{"error":{"message":"scripted failure","type":"server_error","code":null}}""",
        Headers = retryAfter is null ? [] : new() { ["Retry-After"] = retryAfter },
    };
}

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Path, string? Authorization, JsonObject Body)
{
    /// <summary>The text of every message, in order.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body["messages"]!.AsArray().Select(m => ((string)m!["role"]!, ContentText(m!["content"]))).ToList();

    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => (string)value!,
        JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"] ?? "")),
        _ => "",
    };
}

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) speaking the OpenAI chat-completions protocol, answering
/// with scripted replies and recording every request.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private Func<int, ScriptedReply> script = _ => ScriptedReply.Text("5");
    private int count;

    private FakeOpenAiServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The base URL to give the OpenAI client (ends in <c>/v1</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single() + "/v1";
        return server;
    }

    /// <summary>Answers every request with the same reply.</summary>
    public void Always(ScriptedReply reply) => Script(_ => reply);

    /// <summary>Answers the n-th request (from 0) with the n-th reply; the last one repeats.</summary>
    public void InOrder(params ScriptedReply[] replies) => Script(i => replies[Math.Min(i, replies.Length - 1)]);

    public void Script(Func<int, ScriptedReply> next)
    {
        script = next;
        Interlocked.Exchange(ref count, 0);
        requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization, body));
        var reply = script(Interlocked.Increment(ref count) - 1);
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.Status != 200)
        {
            await context.Response.WriteAsync(reply.ErrorBody ?? "{}");
            return;
        }

        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = (string?)body["model"] ?? "judge",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = reply.CachedTokens },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            },
        };
        await context.Response.WriteAsync(completion.ToJsonString(new JsonSerializerOptions()));
    }
}
