using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        /// <summary>The descriptor's <c>RetryPolicy</c> and <c>TimeLimit</c>, from the type's attributes (built once, at type initialization).</summary>
        private static void EmitBehaviour(IndentedWriter code, BehaviourModel? behaviour)
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
        }
    }
}
