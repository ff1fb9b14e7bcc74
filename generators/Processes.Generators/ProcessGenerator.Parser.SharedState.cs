using System.Collections.Generic;
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
        /// The analyzers report each of these (PRC0028, PRC0042, PRC0043). Declared operations
        /// the generator cannot send (PRC0047, PRC0048) are left out; the rest of the class is kept.
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
            if (data is null)
            {
                return null;
            }

            var types = new SerializableTypes(context.SemanticModel.Compilation);
            var operations = new List<OperationModel>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (SharedStateRules.IsOperation(member) && ParseOperation((IMethodSymbol)member, types) is { } operation)
                {
                    operations.Add(operation);
                }
            }

            return new SharedStateModel(
                data,
                SharedStateRules.StateName(type, context.Attributes.FirstOrDefault()),
                operations.ToEquatableArray(),
                SharedStateRules.IsVisibleToAssembly(type));
        }

        private static OperationModel? ParseOperation(IMethodSymbol method, SerializableTypes types)
        {
            if (SharedStateRules.OperationShapeReason(method) is not null || SharedStateRules.NotSynchronousReason(method) is not null)
            {
                return null;
            }

            ValueShape? result = null;
            if (!method.ReturnsVoid && (result = Shapes.Classify(method.ReturnType, types)) is null)
            {
                return null;
            }

            var parameters = new List<MemberModel>();
            foreach (var parameter in method.Parameters)
            {
                if (Shapes.Classify(parameter.Type, types) is not { } shape)
                {
                    return null;
                }

                parameters.Add(new MemberModel(parameter.Name, shape));
            }

            return new OperationModel(
                method.Name,
                method.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
                parameters.ToEquatableArray(),
                result);
        }
    }
}
