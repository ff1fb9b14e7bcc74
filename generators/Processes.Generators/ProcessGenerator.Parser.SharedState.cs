using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Parses a <c>[SharedState]</c> class with the data-type rules (the same members and
        /// shapes as <c>[ProcessData]</c>), or returns null when the generator must skip it: not a
        /// class, also marked as data or a port namespace, or a member an update cannot set.
        /// The analyzers report each of these (PRC0028, PRC0042, PRC0043).
        /// </summary>
        public static SharedStateModel? ParseSharedState(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsRecord: false } type
                || HasAttribute(type, ProcessDataAttribute)
                || HasAttribute(type, PortNamespaceAttribute)
                || type.GetMembers().Any(member => SharedStateRules.IsStateMember(member) && SharedStateRules.NotUpdatableReason(member) is not null))
            {
                return null;
            }

            var data = ParseData(context, isNamespace: false, fillsCollectionsInPlace: false, cancellationToken);
            return data is null ? null : new SharedStateModel(data, SharedStateRules.StateName(type, context.Attributes.FirstOrDefault()));
        }
    }
}
