using System.ClientModel;
using System.Net;

namespace LlmEval.Running;

/// <summary>Which target failures are worth retrying, and how long the server asked us to wait.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException { Status: 408 or 429 or >= 500 } => true,
        HttpRequestException { StatusCode: null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The server's Retry-After, when it sent one; null lets the retry strategy back off on its own.</summary>
    public static TimeSpan? RetryAfter(Exception? exception)
    {
        if (exception is ClientResultException { } clientError
            && clientError.GetRawResponse() is { } response
            && response.Headers.TryGetValue("Retry-After", out var value))
        {
            if (double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 120));
            }

            if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds, 120)) : TimeSpan.Zero;
            }
        }

        return null;
    }
}
