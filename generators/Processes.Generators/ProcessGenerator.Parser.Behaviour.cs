using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Processes.Generators.Models;
using Processes.Rules;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>Reads <c>[Retry]</c>, <c>[TimeLimit]</c>, <c>[Concurrency]</c> and <c>[SingleInstance]</c>; values the shared rules reject are left out (PRC0040 and PRC0041 report them).</summary>
        internal static class Behaviour
        {
            private const string RetryAttribute = "Processes.RetryAttribute";
            private const string TimeLimitAttribute = "Processes.TimeLimitAttribute";

            public static BehaviourModel? Parse(INamedTypeSymbol type)
            {
                var retry = FindAttribute(type, RetryAttribute) is { } retryAttribute ? ParseRetry(retryAttribute) : null;
                int? limit = FindAttribute(type, TimeLimitAttribute) is { ConstructorArguments.Length: 1 } limitAttribute
                    && limitAttribute.ConstructorArguments[0].Value is int milliseconds
                    && RetryRules.CheckTimeLimit(milliseconds) is null
                    ? milliseconds
                    : null;
                var model = new BehaviourModel(retry, limit, ParseConcurrency(type));
                return model.IsEmpty ? null : model;
            }

            private static ConcurrencyModel? ParseConcurrency(INamedTypeSymbol type) =>
                Processes.Shared.ConcurrencyDeclarations.Read(type) is { Errors.Count: 0 } declaration
                    ? new ConcurrencyModel(declaration.MaxRunning, declaration.SingleInstance, declaration.KeyInputs.ToEquatableArray(), declaration.Reject)
                    : null;

            private static RetryModel? ParseRetry(AttributeData attribute)
            {
                if (attribute.ConstructorArguments.Length != 1
                    || attribute.ConstructorArguments[0].Value is not int maxAttempts
                    || RetryRules.CheckMaxAttempts(maxAttempts) is not null)
                {
                    return null;
                }

                var delay = 1000;
                var factor = 2.0;
                var maxDelay = 0;
                var retryOn = new System.Collections.Generic.List<string>();
                foreach (var argument in attribute.NamedArguments)
                {
                    switch (argument.Key)
                    {
                        case "DelayMilliseconds" when argument.Value.Value is int value:
                            delay = value;
                            break;
                        case "BackoffFactor" when argument.Value.Value is double value:
                            factor = value;
                            break;
                        case "MaxDelayMilliseconds" when argument.Value.Value is int value:
                            maxDelay = value;
                            break;
                        case "RetryOn" when !argument.Value.IsNull:
                            foreach (var item in argument.Value.Values)
                            {
                                if (item.Value is not ITypeSymbol exceptionType || !Processes.Shared.ExceptionTypes.IsException(exceptionType))
                                {
                                    return null;
                                }

                                retryOn.Add(exceptionType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                            }

                            break;
                    }
                }

                if (RetryRules.CheckDelay("DelayMilliseconds", delay) is not null
                    || RetryRules.CheckDelay("MaxDelayMilliseconds", maxDelay) is not null
                    || RetryRules.CheckBackoffFactor(factor) is not null)
                {
                    return null;
                }

                return new RetryModel(maxAttempts, delay, factor.ToString("R", CultureInfo.InvariantCulture), maxDelay, retryOn.ToEquatableArray());
            }
        }
    }
}
