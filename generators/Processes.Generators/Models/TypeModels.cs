namespace Processes.Generators.Models;

/// <summary>Where and how a user type is declared, enough to reopen it as a partial type.</summary>
/// <param name="Namespace">The namespace, empty for the global namespace.</param>
/// <param name="Name">The type name.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="FullName">The <c>global::</c> name.</param>
/// <param name="MetadataName">The full metadata name (<c>QuickStart.Relax</c>, nested types with <c>+</c>).</param>
/// <param name="HintName">The hint-name prefix: namespace and containing types, dotted.</param>
/// <param name="ContainingTypes">Declarations of containing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="IsValueType">True for structs.</param>
/// <param name="HasUserConstructor">True when the user declared an instance constructor (including a primary one).</param>
/// <param name="PrimaryConstructorArguments">For positional records, the arguments to chain to the primary constructor; otherwise null.</param>
internal sealed record TypeModel(
    string Namespace,
    string Name,
    string Keyword,
    string FullName,
    string MetadataName,
    string HintName,
    EquatableArray<string> ContainingTypes,
    bool IsValueType,
    bool HasUserConstructor,
    string? PrimaryConstructorArguments);

/// <summary>A serialized member of a data type or a state field of a process.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="Shape">Its type.</param>
/// <param name="IsFilledInPlace">True for a get-only collection property: read by clearing it and adding each element.</param>
/// <param name="IsDroppedOnRead">True for a computed property of a <c>[MemoryPackable]</c> type: written, then read and dropped (as MemoryPack does).</param>
internal sealed record MemberModel(string Name, ValueShape Shape, bool IsFilledInPlace = false, bool IsDroppedOnRead = false);

/// <summary>A <c>[Process]</c> or <c>[Task]</c> class; <c>Outline</c> is null for tasks.</summary>
internal sealed record ProcessModel(
    TypeModel Type,
    bool IsTask,
    string RegisteredName,
    EquatableArray<PortModel> Inputs,
    EquatableArray<PortModel> Outputs,
    EquatableArray<MemberModel> State,
    EquatableArray<string> Validators,
    EquatableArray<ExposeModel> Exposures,
    OutlineModel? Outline,
    BehaviourModel? Behaviour = null);

/// <summary>A <c>[ProcessData]</c> or <c>[PortNamespace]</c> type.</summary>
internal sealed record DataModel(
    TypeModel Type,
    bool IsNamespace,
    EquatableArray<MemberModel> Members,
    EquatableArray<PortModel> Ports,
    EquatableArray<string> Validators);

/// <summary>What the registration file needs of each process, or of a shared state class with declared operations.</summary>
/// <param name="FullName">The <c>global::</c> type name.</param>
/// <param name="IsSharedState">True for a shared state class (registered for its operations).</param>
internal sealed record RegistrationModel(string FullName, bool IsSharedState = false);

/// <summary>A <c>[SharedState]</c> class: its members as a data model, the name it is stored under and its declared operations.</summary>
/// <param name="Data">The members.</param>
/// <param name="StateName">The stored name.</param>
/// <param name="Operations">The <c>[SharedStateOperation]</c> methods the generator can send.</param>
/// <param name="IsVisibleToAssembly">True when the registration file can name the class (it and its containing types are public or internal).</param>
internal sealed record SharedStateModel(DataModel Data, string StateName, EquatableArray<OperationModel> Operations, bool IsVisibleToAssembly);

/// <summary>A declared operation of a shared state: a <c>[SharedStateOperation]</c> method.</summary>
/// <param name="Name">The method name, which is also the name the operation is sent by.</param>
/// <param name="Accessibility">The typed call's accessibility keyword: <c>public</c> or <c>internal</c>, as the method's.</param>
/// <param name="Parameters">The parameters in order, with their types.</param>
/// <param name="Result">The return type; null for <c>void</c>.</param>
internal sealed record OperationModel(string Name, string Accessibility, EquatableArray<MemberModel> Parameters, ValueShape? Result);
