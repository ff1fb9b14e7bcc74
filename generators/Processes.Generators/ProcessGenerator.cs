using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Processes.Generators.Models;

namespace Processes.Generators;

/// <summary>Generates descriptors, validation and serializers for [Process] and [Task] classes and their data types.</summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ProcessGenerator : IIncrementalGenerator
{
    /// <summary>The names of the pipeline steps, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Models of [Process] classes.</summary>
        public const string Processes = nameof(Processes);

        /// <summary>Models of [Task] classes.</summary>
        public const string Tasks = nameof(Tasks);

        /// <summary>Models of [PortNamespace] types.</summary>
        public const string Namespaces = nameof(Namespaces);

        /// <summary>Models of [ProcessData] types.</summary>
        public const string DataTypes = nameof(DataTypes);

        /// <summary>Models of [MemoryPackable] types (MemoryPack's attribute, found by name).</summary>
        public const string MemoryPackables = nameof(MemoryPackables);

        /// <summary>Models of [SharedState] classes.</summary>
        public const string SharedStates = nameof(SharedStates);

        /// <summary>Whether the compilation is a debug build.</summary>
        public const string DebugBuild = nameof(DebugBuild);

        /// <summary>The processes (and shared state classes with operations) to register in the module initializer.</summary>
        public const string Registrations = nameof(Registrations);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var processes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Processes.ProcessAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseProcess(attributeContext, isTask: false, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Processes);

        var tasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Processes.TaskAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseProcess(attributeContext, isTask: true, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Tasks);

        var namespaces = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Processes.PortNamespaceAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseData(attributeContext, isNamespace: true, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Namespaces);

        var dataTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Processes.ProcessDataAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseData(attributeContext, isNamespace: false, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.DataTypes);

        var memoryPackables = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Processes.Shared.MemoryPackRules.MemoryPackableAttribute,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseMemoryPackable(attributeContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.MemoryPackables);

        var sharedStates = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Processes.Shared.SharedStateRules.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseSharedState(attributeContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.SharedStates);

        var debugBuild = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options.OptimizationLevel == OptimizationLevel.Debug)
            .WithTrackingName(TrackingNames.DebugBuild);

        context.RegisterSourceOutput(processes.Combine(debugBuild), static (output, pair) => EmitProcess(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(tasks.Combine(debugBuild), static (output, pair) => EmitProcess(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(namespaces, static (output, model) => EmitData(output, model));
        context.RegisterSourceOutput(dataTypes, static (output, model) => EmitData(output, model));
        context.RegisterSourceOutput(memoryPackables, static (output, model) => EmitData(output, model));
        context.RegisterSourceOutput(sharedStates, static (output, model) => Guard(
            output, model.Data.Type.FullName, () => output.AddSource(model.Data.Type.HintName + ".SharedState.g.cs", Emitter.EmitSharedState(model))));

        var registrations = processes.Select(static (model, _) => new RegistrationModel(model.Type.FullName)).Collect()
            .Combine(tasks.Select(static (model, _) => new RegistrationModel(model.Type.FullName)).Collect())
            .Combine(sharedStates.Where(static model => !model.Operations.IsEmpty && model.IsVisibleToAssembly)
                .Select(static (model, _) => new RegistrationModel(model.Data.Type.FullName, IsSharedState: true)).Collect())
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right).AddRange(pair.Right).ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);

        context.RegisterSourceOutput(registrations, static (output, models) => EmitRegistration(output, models));
    }

    /// <summary>Reported when emitting a type fails: the type is skipped, the rest of the project keeps its generated code.</summary>
    internal static readonly DiagnosticDescriptor EmitFailed = new(
        id: "PRC0029",
        title: "The generator could not emit a type",
        messageFormat: "The generator could not emit '{0}': {1}",
        category: "Processes.Declaration",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/processes-sdk/processes/blob/main/docs/diagnostics/PRC0029.md");

    /// <summary>Runs one emit step; any failure becomes a PRC0029 diagnostic instead of an exception that loses all generated code.</summary>
    private static void Guard(SourceProductionContext output, string typeName, System.Action emit)
    {
        try
        {
            emit();
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(EmitFailed, Location.None, typeName, exception.GetType().Name + ": " + exception.Message));
        }
    }

    private static void EmitProcess(SourceProductionContext output, ProcessModel model, bool debugBuild) =>
        Guard(output, model.Type.FullName, () => EmitProcessUnguarded(output, model, debugBuild));

    private static void EmitProcessUnguarded(SourceProductionContext output, ProcessModel model, bool debugBuild)
    {
        output.AddSource(model.Type.HintName + ".Process.g.cs", Emitter.EmitProcess(model, debugBuild));
        foreach (var exposure in model.Exposures)
        {
            if (exposure.RecordName is not null)
            {
                EmitDataUnguarded(output, Emitter.ExposedNamespace(model.Type, exposure));
            }
        }
    }

    private static void EmitData(SourceProductionContext output, DataModel model) =>
        Guard(output, model.Type.FullName, () => EmitDataUnguarded(output, model));

    private static void EmitDataUnguarded(SourceProductionContext output, DataModel model) =>
        output.AddSource(model.Type.HintName + (model.IsNamespace ? ".PortNamespace.g.cs" : ".ProcessData.g.cs"), Emitter.EmitData(model));

    private static void EmitRegistration(SourceProductionContext output, EquatableArray<RegistrationModel> models)
    {
        if (!models.IsEmpty)
        {
            Guard(output, "Processes.Generated.ProcessRegistration", () => output.AddSource("Processes.Generated.ProcessRegistration.g.cs", Emitter.EmitRegistration(models)));
        }
    }
}
