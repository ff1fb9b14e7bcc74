using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    /// <summary>Turns attributed symbols into equatable models; returns null for declarations the generator does not support (analyzers report why).</summary>
    internal static partial class Parser
    {
        private const string InputAttribute = "Processes.InputAttribute";
        private const string OutputAttribute = "Processes.OutputAttribute";
        private const string TransientAttribute = "Processes.TransientAttribute";
        private const string ValidatorAttribute = "Processes.ValidatorAttribute";
        private const string ProcessAttribute = "Processes.ProcessAttribute";
        private const string TaskAttribute = "Processes.TaskAttribute";
        internal const string PortNamespaceAttribute = "Processes.PortNamespaceAttribute";
        internal const string ProcessDataAttribute = "Processes.ProcessDataAttribute";

        public static ProcessModel? ParseProcess(GeneratorAttributeSyntaxContext context, bool isTask, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || SupportRules.UnsupportedClassReason(type) is not null)
            {
                return null;
            }

            // Marked both [Process] and [Task] (PRC0002): neither pipeline emits it, so their outputs never collide.
            if (HasAttribute(type, isTask ? ProcessAttribute : TaskAttribute))
            {
                return null;
            }

            // Without its entry method (PRC0004/PRC0005) or with a broken [Validator] (PRC0019) the generated code
            // could not compile: the class is skipped and the analyzers report the reason at the user's declaration.
            var compilation = context.SemanticModel.Compilation;
            if (!SupportRules.HasEntryMethod(type, isTask)
                || ValidatorNames(type).Any(name => SupportRules.ValidatorProblem(compilation, type, name, type) is not null))
            {
                return null;
            }

            var typeModel = ParseType(type, context.TargetNode, cancellationToken);
            if (typeModel is null)
            {
                return null;
            }

            var registeredName = NamedString(context.Attributes[0], "Name") ?? typeModel.MetadataName;
            var types = new SerializableTypes(compilation);
            var inputs = new List<PortModel>();
            var outputs = new List<PortModel>();
            var state = new List<MemberModel>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (member)
                {
                    // A port or state field the analyzers reject is left out of the generated code, so the
                    // class keeps its IProcessDefinition<T> and the only error is the analyzer's, in the
                    // user's file: a type that cannot be serialized (PRC0013, PRC0037) or checkpointed
                    // (PRC0014), a member marked both ways, a duplicate port name (PRC0010: the first wins).
                    case IPropertySymbol property when FindAttribute(property, InputAttribute) is { } input:
                        var inputPort = ParsePort(property, input, isInput: true, context.SemanticModel.Compilation, cancellationToken);
                        if (inputPort is not null && FindAttribute(property, OutputAttribute) is null && !inputs.Any(port => port.PortName == inputPort.PortName))
                        {
                            inputs.Add(inputPort);
                        }

                        break;
                    case IPropertySymbol property when FindAttribute(property, OutputAttribute) is { } output:
                        var outputPort = ParsePort(property, output, isInput: false, context.SemanticModel.Compilation, cancellationToken);
                        if (outputPort is not null && !outputs.Any(port => port.PortName == outputPort.PortName))
                        {
                            outputs.Add(outputPort);
                        }

                        break;
                    case IFieldSymbol field when !isTask && SupportRules.IsStateField(field, HasAttribute(field, TransientAttribute)):
                        if (Shapes.Classify(field.Type, types) is { } shape)
                        {
                            state.Add(new MemberModel(field.Name, shape));
                        }

                        break;
                }
            }

            var exposures = Expose.Parse(type, inputs, outputs, context.SemanticModel.Compilation, cancellationToken);

            return new ProcessModel(
                typeModel,
                isTask,
                registeredName,
                inputs.ToEquatableArray(),
                outputs.ToEquatableArray(),
                state.ToEquatableArray(),
                ValidatorNames(type).ToEquatableArray(),
                exposures,
                isTask ? null : Outline.Parse(type, cancellationToken),
                Behaviour.Parse(type));
        }

        public static DataModel? ParseData(GeneratorAttributeSyntaxContext context, bool isNamespace, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type && !isNamespace && MemoryPackRules.IsMemoryPackable(type)
                ? null // A [ProcessData] type that is also [MemoryPackable] is serialized by MemoryPack's member rules (ParseMemoryPackable).
                : ParseData(context, isNamespace, fillsCollectionsInPlace: !isNamespace, cancellationToken);

        /// <summary>
        /// Parses a <c>[MemoryPackable]</c> type into a data model whose members are MemoryPack's
        /// (<see cref="MemoryPackRules.SerializedMembers"/>), so the codec writes MemoryPack's bytes.
        /// Returns null for a type the codec cannot handle (PRC0037 says why) and for a type another
        /// output serializes (a port namespace, a shared state, a process or a task).
        /// </summary>
        public static DataModel? ParseMemoryPackable(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || HasAttribute(type, PortNamespaceAttribute) || HasAttribute(type, ProcessAttribute) || HasAttribute(type, TaskAttribute)
                || HasAttribute(type, SharedStateRules.AttributeName)
                || MemoryPackRules.UnsupportedReason(type) is not null)
            {
                return null;
            }

            var typeModel = ParseType(type, context.TargetNode, cancellationToken);
            if (typeModel is null)
            {
                return null;
            }

            var types = new SerializableTypes(context.SemanticModel.Compilation);
            var members = new List<MemberModel>();
            foreach (var member in MemoryPackRules.SerializedMembers(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Shapes.Classify(MemoryPackRules.MemberType(member), types) is not { } shape)
                {
                    return null;
                }

                members.Add(new MemberModel(member.Name, shape, IsDroppedOnRead: !MemoryPackRules.IsAssignable(member)));
            }

            return new DataModel(typeModel, IsNamespace: false, members.ToEquatableArray(), EquatableArray<PortModel>.Empty, EquatableArray<string>.Empty);
        }

        /// <summary>
        /// Parses a data type; with <paramref name="fillsCollectionsInPlace"/>, its get-only collection
        /// properties are serialized too (a <c>[ProcessData]</c> type; not a port namespace, whose members
        /// are ports, nor a shared state, whose members an update sets).
        /// </summary>
        internal static DataModel? ParseData(GeneratorAttributeSyntaxContext context, bool isNamespace, bool fillsCollectionsInPlace, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.IsAbstract || type.IsStatic)
            {
                return null;
            }

            // A type marked both ways is serialized once, by its [PortNamespace] output.
            if (!isNamespace && HasAttribute(type, PortNamespaceAttribute))
            {
                return null;
            }

            // A [Process]/[Task] also marked as data is rejected as a whole (PRC0003); its constructors would clash.
            if (HasAttribute(type, ProcessAttribute) || HasAttribute(type, TaskAttribute))
            {
                return null;
            }

            if (isNamespace && ValidatorNames(type).Any(name => SupportRules.ValidatorProblem(context.SemanticModel.Compilation, type, name, type) is not null))
            {
                return null;
            }

            var typeModel = ParseType(type, context.TargetNode, cancellationToken);
            if (typeModel is null || (!type.IsValueType && type.BaseType?.SpecialType != SpecialType.System_Object))
            {
                return null;
            }

            var types = new SerializableTypes(context.SemanticModel.Compilation);
            var members = new List<MemberModel>();
            var filledInPlace = new List<MemberModel>();
            var ports = new List<PortModel>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                switch (member)
                {
                    case IFieldSymbol field when !field.IsConst && field.AssociatedSymbol is null:
                        var fieldShape = Shapes.Classify(field.Type, types);
                        if (fieldShape is null)
                        {
                            return null;
                        }

                        members.Add(new MemberModel(field.Name, fieldShape));
                        break;
                    case IPropertySymbol property when !property.IsIndexer && property.SetMethod is not null && property.GetMethod is not null:
                        var propertyShape = Shapes.Classify(property.Type, types);
                        if (propertyShape is null)
                        {
                            return null;
                        }

                        members.Add(new MemberModel(property.Name, propertyShape));
                        if (isNamespace)
                        {
                            var port = ParsePort(property, attribute: null, isInput: true, context.SemanticModel.Compilation, cancellationToken);
                            if (port is null)
                            {
                                return null;
                            }

                            ports.Add(port);
                        }

                        break;

                    // Get-only collections follow every other member, so data written before they were
                    // serialized still reads member for member (the collection stays as initialized).
                    case IPropertySymbol property when fillsCollectionsInPlace && SupportRules.IsInPlaceCollection(property):
                        var collectionShape = Shapes.Classify(property.Type, types);
                        if (collectionShape is null)
                        {
                            return null;
                        }

                        filledInPlace.Add(new MemberModel(property.Name, collectionShape, IsFilledInPlace: true));
                        break;
                }
            }

            members.AddRange(filledInPlace);
            if (members.Count >= 250)
            {
                return null;
            }

            return new DataModel(
                typeModel,
                isNamespace,
                members.ToEquatableArray(),
                ports.ToEquatableArray(),
                isNamespace ? ValidatorNames(type).ToEquatableArray() : EquatableArray<string>.Empty);
        }

        private static PortModel? ParsePort(IPropertySymbol property, AttributeData? attribute, bool isInput, Compilation compilation, CancellationToken cancellationToken)
        {
            if (SupportRules.UnsupportedPortMemberReason(property) is not null || property.SetMethod is null)
            {
                return null;
            }

            // Outputs are set by the process after creation, so they need a real setter.
            if (!isInput && property.SetMethod.IsInitOnly)
            {
                return null;
            }

            var shape = Shapes.Classify(property.Type, new SerializableTypes(compilation));
            if (shape is null)
            {
                return null;
            }

            var kind = shape switch
            {
                { Kind: ShapeKind.Data, IsNamespace: true } => PortKind.Namespace,
                { Kind: ShapeKind.Dictionary } when shape.Arguments[0].TypeName == "string" => PortKind.Dynamic,
                _ => PortKind.Value,
            };

            var leafType = kind == PortKind.Dynamic ? ((INamedTypeSymbol)property.Type).TypeArguments[1] : property.Type;
            var leafShape = kind == PortKind.Dynamic ? shape.Arguments[1] : shape;
            var checks = Checks.Parse(compilation, property, leafType, leafShape, out var schema, out var requiredByAttribute);
            if (checks is null)
            {
                return null;
            }

            var (hasDefault, defaultJson) = FindDefault(property, compilation, cancellationToken);
            var nullable = shape.IsNullableAnnotated;
            var required = isInput
                ? property.IsRequired || requiredByAttribute || (!hasDefault && !nullable)
                : requiredByAttribute || !nullable;

            var name = (attribute is null ? null : NamedString(attribute, "Name")) ?? PortNames.ToSnakeCase(property.Name);
            return new PortModel(
                property.Name,
                name,
                Docs.Summary(property, cancellationToken),
                shape,
                kind,
                required,
                hasDefault,
                defaultJson,
                checks.Value,
                schema);
        }

        private static (bool HasDefault, string? DefaultJson) FindDefault(IPropertySymbol property, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                ExpressionSyntax? initializer = syntax switch
                {
                    PropertyDeclarationSyntax { Initializer: { } value } => value.Value,
                    ParameterSyntax { Default: { } value } => value.Value,
                    _ => null,
                };

                if (initializer is null)
                {
                    continue;
                }

                var constant = compilation.GetSemanticModel(syntax.SyntaxTree).GetConstantValue(initializer, cancellationToken);
                return (true, constant.HasValue ? Literals.Json(constant.Value) : null);
            }

            return (false, null);
        }

        private static TypeModel? ParseType(INamedTypeSymbol type, SyntaxNode targetNode, CancellationToken cancellationToken)
        {
            if (type.IsGenericType || !IsPartial(type, cancellationToken))
            {
                return null;
            }

            var containing = new List<string>();
            var metadataName = type.MetadataName;
            var hintName = type.Name;
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.IsGenericType || !IsPartial(outer, cancellationToken))
                {
                    return null;
                }

                containing.Insert(0, "partial " + Keyword(outer) + " " + outer.Name);
                metadataName = outer.MetadataName + "+" + metadataName;
                hintName = outer.Name + "." + hintName;
            }

            var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            if (ns.Length > 0)
            {
                metadataName = ns + "." + metadataName;
                hintName = ns + "." + hintName;
            }

            string? primaryArguments = null;
            foreach (var constructor in type.InstanceConstructors)
            {
                var isPrimary = constructor.DeclaringSyntaxReferences.Any(
                    reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax);
                if (isPrimary)
                {
                    primaryArguments = string.Join(", ", constructor.Parameters.Select(Literals.ParameterDefault));
                }
            }

            _ = targetNode;
            return new TypeModel(
                ns,
                type.Name,
                Keyword(type),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                metadataName,
                hintName,
                containing.ToEquatableArray(),
                type.IsValueType,
                type.InstanceConstructors.Any(constructor => !constructor.IsImplicitlyDeclared),
                primaryArguments);
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.Length > 0
            && type.DeclaringSyntaxReferences.All(reference =>
                reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

        private static string Keyword(INamedTypeSymbol type) =>
            type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.IsValueType ? "struct" : "class";

        private static IEnumerable<string> ValidatorNames(ISymbol symbol) =>
            symbol.GetAttributes()
                .Where(attribute => attribute.AttributeClass?.ToDisplayString() == ValidatorAttribute)
                .Select(attribute => attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null)
                .Where(name => !string.IsNullOrEmpty(name))
                .Select(name => name!);

        internal static AttributeData? FindAttribute(ISymbol symbol, string metadataName) =>
            symbol.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == metadataName);

        internal static bool HasAttribute(ISymbol symbol, string metadataName) => FindAttribute(symbol, metadataName) is not null;

        internal static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is string value && value.Length > 0)
                {
                    return value;
                }
            }

            return null;
        }
    }
}
