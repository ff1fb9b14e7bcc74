using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>Waits until a wall-clock time, however far (a timer's single wait is capped near 49 days).</summary>
internal static class DurableDelay
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    public static async ValueTask UntilAsync(TimeProvider clock, DateTimeOffset due, CancellationToken cancellationToken)
    {
        for (var wait = due - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = due - clock.GetUtcNow())
        {
            await Task.Delay(wait < LongestWait ? wait : LongestWait, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
