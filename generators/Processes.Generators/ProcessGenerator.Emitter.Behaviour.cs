using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        /// <summary>The descriptor's <c>RetryPolicy</c>, <c>TimeLimit</c>, <c>Concurrency</c> and <c>ConcurrencyKey</c>, from the type's attributes (built once, at type initialization).</summary>
        private static void EmitBehaviour(IndentedWriter code, BehaviourModel? behaviour, string self)
        {
            if (behaviour?.Retry is { } retry)
            {
                var retryOn = retry.RetryOn.Count == 0
                    ? "null"
                    : "new global::System.Type[] { " + string.Join(", ", retry.RetryOn.Select(type => $"typeof({type})")) + " }";
                var maxDelay = retry.MaxDelayMilliseconds > 0 ? $"global::System.TimeSpan.FromMilliseconds({retry.MaxDelayMilliseconds})" : "null";
                code.Open("public override global::Processes.RetryPolicy? RetryPolicy { get; } = new global::Processes.RetryPolicy");
                code.Line($"MaxAttempts = {retry.MaxAttempts},");
                code.Line($"Delay = global::System.TimeSpan.FromMilliseconds({retry.DelayMilliseconds}),");
                code.Line($"BackoffFactor = {retry.BackoffFactor},");
                code.Line($"MaxDelay = {maxDelay},");
                code.Line($"RetryOn = {retryOn},");
                code.Close(";");
            }

            if (behaviour?.TimeLimitMilliseconds is { } limit)
            {
                code.Line($"public override global::System.TimeSpan? TimeLimit => global::System.TimeSpan.FromMilliseconds({limit});");
            }

            if (behaviour?.Concurrency is { } concurrency)
            {
                var maxRunning = concurrency.MaxRunning is { } max ? max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
                var policy = concurrency.Reject ? "Reject" : "Join";
                code.Line($"public override global::Processes.ConcurrencyLimits? Concurrency {{ get; }} = new global::Processes.ConcurrencyLimits({maxRunning}, {(concurrency.SingleInstance ? "true" : "false")}, global::Processes.DuplicatePolicy.{policy});");
                if (concurrency.SingleInstance)
                {
                    var values = string.Join(", ", concurrency.KeyMembers.Select(member => "process." + member));
                    code.Line($"public override string? ConcurrencyKey({self} process) => global::Processes.Generated.ConcurrencyKeys.Of({values});");
                }
            }
        }
    }
}
