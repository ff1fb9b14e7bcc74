using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report. IDs are fixed here, never computed; code fixes refer to
/// the <c>…Id</c> constants. Each ID has a page in <c>docs/diagnostics</c> and a row in the
/// release-tracking files.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string NotPartialId = "PRC0001";
    public const string ProcessAndTaskId = "PRC0002";
    public const string UnsupportedShapeId = "PRC0003";
    public const string MissingEntryMethodId = "PRC0004";
    public const string WrongEntryMethodSignatureId = "PRC0005";
    public const string InputNotSettableId = "PRC0006";
    public const string OutputWithoutSetterId = "PRC0007";
    public const string InputAndOutputId = "PRC0008";
    public const string PortOutsideProcessId = "PRC0009";
    public const string DuplicatePortNameId = "PRC0010";
    public const string InvalidPortNameId = "PRC0011";
    public const string RequiredWithInitializerId = "PRC0012";
    public const string UnsupportedPortTypeId = "PRC0013";
    public const string UnsupportedStateTypeId = "PRC0014";
    public const string UnsupportedMemoryPackableId = "PRC0037";
    public const string ValidationAttributeNotApplicableId = "PRC0015";
    public const string InvalidBoundsId = "PRC0016";
    public const string InvalidRegularExpressionId = "PRC0017";
    public const string DefaultViolatesValidationId = "PRC0018";
    public const string InvalidValidatorMethodId = "PRC0019";
    public const string EmptyOutlineId = "PRC0020";
    public const string CallCycleId = "PRC0021";
    public const string BlockingWaitId = "PRC0022";
    public const string IncludeAndExcludeId = "PRC0023";
    public const string UnknownExposedPortId = "PRC0024";
    public const string ExposedNameClashId = "PRC0025";
    public const string ExposedTypeNotProcessId = "PRC0026";
    public const string ExposeCycleId = "PRC0027";
    public const string DataTypeNotGeneratedId = "PRC0028";
    public const string AsyncVoidStepId = "PRC0030";
    public const string SettableInputId = "PRC0031";
    public const string DuplicateProcessNameId = "PRC0032";
    public const string ChildNeverStartedId = "PRC0033";
    public const string UnsupportedValidationAttributeId = "PRC0034";
    public const string UnsupportedPortMemberId = "PRC0035";
    public const string WrongStepShapeId = "PRC0036";
    public const string InvalidRetryOrTimeLimitId = "PRC0040";
    public const string InvalidConcurrencyId = "PRC0041";
    public const string UnsupportedSharedStateMemberTypeId = "PRC0042";
    public const string SharedStateMemberNotUpdatableId = "PRC0043";
    public const string EventNeverAwaitedId = "PRC0045";
    public const string OutputNeverAssignedId = "PRC0046";
    public const string DataMemberNotSavedId = "PRC0044";
    public const string InvalidSharedStateOperationId = "PRC0047";
    public const string BlockingSharedStateOperationId = "PRC0048";
    public const string InvalidMapOptionId = "PRC0038";

    public static readonly DiagnosticDescriptor InvalidMapOption = new(
        id: InvalidMapOptionId,
        title: "Map option is out of range",
        messageFormat: "MapOptions.{0} must be at least 1, but is {1}: the map would throw ArgumentOutOfRangeException when it starts",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MaxParallelism (how many processes or chunks run at once) and ChunkSize (how many items one child runs) must be at least 1; the runtime refuses anything less when the map starts.",
        helpLinkUri: HelpLinkPrefix + InvalidMapOptionId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedSharedStateMemberType = new(
        id: UnsupportedSharedStateMemberTypeId,
        title: "Shared state member type cannot be serialized",
        messageFormat: "The type '{0}' used by the shared state member '{1}' cannot be serialized; use a supported type or mark it [ProcessData]",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every public field and settable property of a [SharedState] class is saved with each update and sent to remote clients, so its type must be serializable.",
        helpLinkUri: HelpLinkPrefix + UnsupportedSharedStateMemberTypeId + ".md");

    public static readonly DiagnosticDescriptor InvalidSharedStateOperation = new(
        id: InvalidSharedStateOperationId,
        title: "Shared state operation cannot be sent",
        messageFormat: "The shared state operation '{0}' cannot be generated because {1}",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [SharedStateOperation] method is sent by name with its serialized arguments and runs on the owner of the state, which sends its result back: its parameter and return types must be serializable, its parameters passed by value, and it must be a public or internal, non-generic instance method of a [SharedState] class with a name no other operation of the class has.",
        helpLinkUri: HelpLinkPrefix + InvalidSharedStateOperationId + ".md");

    public static readonly DiagnosticDescriptor BlockingSharedStateOperation = new(
        id: BlockingSharedStateOperationId,
        title: "Shared state operation blocks or is asynchronous",
        messageFormat: "The shared state operation '{0}' must be synchronous and must not block, but {1}",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An operation runs under the state's lock on its owner, one at a time with every other update of the state: a wait inside it (Thread.Sleep, Task.Wait, .Result, Task.Delay, an async method) holds up every updater of the state.",
        helpLinkUri: HelpLinkPrefix + BlockingSharedStateOperationId + ".md");

    public static readonly DiagnosticDescriptor SharedStateMemberNotUpdatable = new(
        id: SharedStateMemberNotUpdatableId,
        title: "Shared state member cannot be updated",
        messageFormat: "The shared state member '{0}' cannot be part of the state because {1}",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Updates change a [SharedState] instance in place and reads rebuild it member by member, so every public field and property of the state must be settable after construction.",
        helpLinkUri: HelpLinkPrefix + SharedStateMemberNotUpdatableId + ".md");

    public static readonly DiagnosticDescriptor NotPartial = new(
        id: NotPartialId,
        title: "Process or task type must be partial",
        messageFormat: "'{0}' must be declared partial so the generator can extend the [{1}] class '{2}'",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds members to every [Process] and [Task] class, so the class and every type that contains it must be partial.",
        helpLinkUri: HelpLinkPrefix + NotPartialId + ".md");

    public static readonly DiagnosticDescriptor ProcessAndTask = new(
        id: ProcessAndTaskId,
        title: "A class cannot be both a process and a task",
        messageFormat: "'{0}' is marked both [Process] and [Task]; keep one",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Process] is a checkpointed multi-step outline and a [Task] an atomic body; a class is one or the other.",
        helpLinkUri: HelpLinkPrefix + ProcessAndTaskId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedShape = new(
        id: UnsupportedShapeId,
        title: "Process or task class has an unsupported shape",
        messageFormat: "'{0}' cannot be a [{1}] because it is {2}",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The runtime creates process and task instances by name, so their class must be concrete, non-static and non-generic.",
        helpLinkUri: HelpLinkPrefix + UnsupportedShapeId + ".md");

    public static readonly DiagnosticDescriptor MissingEntryMethod = new(
        id: MissingEntryMethodId,
        title: "Process or task has no body or outline method",
        messageFormat: "The [{0}] class '{1}' needs the method '{2}'",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Task] runs its 'ValueTask RunAsync(TaskContext context)' body; a [Process] runs the steps its 'void DefineOutline(OutlineBuilder outline)' declares.",
        helpLinkUri: HelpLinkPrefix + MissingEntryMethodId + ".md");

    public static readonly DiagnosticDescriptor WrongEntryMethodSignature = new(
        id: WrongEntryMethodSignatureId,
        title: "Body or outline method has the wrong signature",
        messageFormat: "'{0}' must be a non-generic instance method with the signature '{1}'",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator calls the body or outline method with exactly this signature; any other shape is never called.",
        helpLinkUri: HelpLinkPrefix + WrongEntryMethodSignatureId + ".md");

    public static readonly DiagnosticDescriptor InputNotSettable = new(
        id: InputNotSettableId,
        title: "Input cannot be set at creation",
        messageFormat: "The input '{0}' needs an 'init' or 'set' accessor",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Inputs are set when the process is created (object initializer or checkpoint load), so the property needs an init or set accessor.",
        helpLinkUri: HelpLinkPrefix + InputNotSettableId + ".md");

    public static readonly DiagnosticDescriptor OutputWithoutSetter = new(
        id: OutputWithoutSetterId,
        title: "Output has no setter",
        messageFormat: "The output '{0}' needs a 'set' accessor, for example 'private set'",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Outputs are set by the body after creation, so an init accessor is not enough; a private set accessor keeps them read-only to callers.",
        helpLinkUri: HelpLinkPrefix + OutputWithoutSetterId + ".md");

    public static readonly DiagnosticDescriptor InputAndOutput = new(
        id: InputAndOutputId,
        title: "Member is both an input and an output",
        messageFormat: "'{0}' cannot be both an input and an output",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Inputs and outputs are separate namespaces with separate validation; use two properties.",
        helpLinkUri: HelpLinkPrefix + InputAndOutputId + ".md");

    public static readonly DiagnosticDescriptor PortOutsideProcess = new(
        id: PortOutsideProcessId,
        title: "Port attribute outside a process or task",
        messageFormat: "'{0}' is marked [{1}] but '{2}' is not a [Process] or [Task], so the attribute has no effect",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only the properties of [Process] and [Task] classes become ports; members of [PortNamespace] types are ports without any attribute.",
        helpLinkUri: HelpLinkPrefix + PortOutsideProcessId + ".md");

    public static readonly DiagnosticDescriptor DuplicatePortName = new(
        id: DuplicatePortNameId,
        title: "Duplicate port name",
        messageFormat: "The {0} port name '{1}' of '{2}' is already used by '{3}'",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Port names are keys of the inputs or outputs namespace; two members that map to the same name (the snake_case of the member name or an explicit Name) clash.",
        helpLinkUri: HelpLinkPrefix + DuplicatePortNameId + ".md");

    public static readonly DiagnosticDescriptor InvalidPortName = new(
        id: InvalidPortNameId,
        title: "Invalid port name",
        messageFormat: "'{0}' is not a valid port name: use lowercase letters, digits and '_', not starting with a digit",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Port names appear in dotted paths, JSON schemas and remote calls, so they are lowercase identifiers matching ^[a-z_][a-z0-9_]*$.",
        helpLinkUri: HelpLinkPrefix + InvalidPortNameId + ".md");

    public static readonly DiagnosticDescriptor RequiredWithInitializer = new(
        id: RequiredWithInitializerId,
        title: "Required port has an initializer",
        messageFormat: "'{0}' is required, so its initializer is never used as a default",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A required member must always be set by the caller, so the initializer never applies; remove it, or remove 'required' to make the port optional with that default.",
        helpLinkUri: HelpLinkPrefix + RequiredWithInitializerId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedPortType = new(
        id: UnsupportedPortTypeId,
        title: "Port type cannot be serialized",
        messageFormat: "The type '{0}' used by '{1}' cannot be serialized; use a supported type or mark it [ProcessData]",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Port values are written to checkpoints and sent to workers by generated serializers, which handle primitives, strings, dates, enums, collections, dictionaries and types marked [ProcessData] or [PortNamespace].",
        helpLinkUri: HelpLinkPrefix + UnsupportedPortTypeId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedStateType = new(
        id: UnsupportedStateTypeId,
        title: "State field type cannot be checkpointed",
        messageFormat: "The type '{0}' used by the state field '{1}' cannot be checkpointed; use a supported type, mark it [ProcessData] or mark the field [Transient]",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every non-readonly instance field of a [Process] that is not [Transient] is saved in each checkpoint, so its type must be serializable.",
        helpLinkUri: HelpLinkPrefix + UnsupportedStateTypeId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedMemoryPackable = new(
        id: UnsupportedMemoryPackableId,
        title: "MemoryPackable type cannot be serialized by the SDK",
        messageFormat: "The [MemoryPackable] type '{0}' used by '{1}' cannot be serialized by the SDK because it {2}",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator writes its own codec for a [MemoryPackable] port or state type, in MemoryPack's wire format, without MemoryPack's runtime. It supports GenerateType.Object types whose members are supported types; not unions, other generate types, custom formatters, serialization callbacks, generic or derived types, or unmanaged structs.",
        helpLinkUri: HelpLinkPrefix + UnsupportedMemoryPackableId + ".md");

    public static readonly DiagnosticDescriptor ValidationAttributeNotApplicable = new(
        id: ValidationAttributeNotApplicableId,
        title: "Validation attribute does not apply to the port type",
        messageFormat: "[{0}] cannot apply to '{1}' of type '{2}'; it needs {3}",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Validation attributes are compiled into typed checks; a check that cannot apply to the port's type would never pass or never run.",
        helpLinkUri: HelpLinkPrefix + ValidationAttributeNotApplicableId + ".md");

    public static readonly DiagnosticDescriptor InvalidBounds = new(
        id: InvalidBoundsId,
        title: "Validation bounds are inverted",
        messageFormat: "The minimum {0} of [{1}] is greater than its maximum {2}, so no value can pass",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A range or length whose minimum is above its maximum rejects every value.",
        helpLinkUri: HelpLinkPrefix + InvalidBoundsId + ".md");

    public static readonly DiagnosticDescriptor InvalidRegularExpression = new(
        id: InvalidRegularExpressionId,
        title: "Invalid regular expression",
        messageFormat: "The pattern of [RegularExpression] is not a valid regular expression: {0}",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The pattern is compiled when the port spec is built; an invalid pattern would throw for every process of this type.",
        helpLinkUri: HelpLinkPrefix + InvalidRegularExpressionId + ".md");

    public static readonly DiagnosticDescriptor DefaultViolatesValidation = new(
        id: DefaultViolatesValidationId,
        title: "Constant default fails the port's validation",
        messageFormat: "The default {0} of '{1}' fails its [{2}] check: {3}",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A default is checked like any supplied value; a constant default that breaks the port's own rules would make every run without that input invalid.",
        helpLinkUri: HelpLinkPrefix + DefaultViolatesValidationId + ".md");

    public static readonly DiagnosticDescriptor InvalidValidatorMethod = new(
        id: InvalidValidatorMethodId,
        title: "Validator method is missing or has the wrong signature",
        messageFormat: "The validator '{0}' of '{1}' {2}",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Validator] names a static method in the same type that takes the validated value and returns an error message or null.",
        helpLinkUri: HelpLinkPrefix + InvalidValidatorMethodId + ".md");

    public static readonly DiagnosticDescriptor EmptyOutline = new(
        id: EmptyOutlineId,
        title: "Outline has no step",
        messageFormat: "The outline of '{0}' never calls Step, so the process does nothing",
        category: DiagnosticCategories.Outline,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A process runs the steps its outline declares; an outline without steps finishes at once without setting any output.",
        helpLinkUri: HelpLinkPrefix + EmptyOutlineId + ".md");

    public static readonly DiagnosticDescriptor CallCycle = new(
        id: CallCycleId,
        title: "Process launches itself through a call cycle",
        messageFormat: "'{0}' launches itself through the cycle {1}",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A process or task that launches its own type, directly or through other processes, recurses without bound unless a condition stops it; check that the recursion ends.",
        helpLinkUri: HelpLinkPrefix + CallCycleId + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor BlockingWait = new(
        id: BlockingWaitId,
        title: "Blocking wait inside a process or task",
        messageFormat: "'{0}' blocks a runtime thread; use 'await' instead",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Steps and task bodies run on a shared pool; a blocking wait holds a thread, ignores cancellation and can deadlock a runtime that waits for its children.",
        helpLinkUri: HelpLinkPrefix + BlockingWaitId + ".md");

    public static readonly DiagnosticDescriptor IncludeAndExclude = new(
        id: IncludeAndExcludeId,
        title: "Exposure has both Include and Exclude",
        messageFormat: "The exposure of '{0}' sets both Include and Exclude; keep one",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Include lists the only ports to expose and Exclude the ports to leave out; together they are ambiguous.",
        helpLinkUri: HelpLinkPrefix + IncludeAndExcludeId + ".md");

    public static readonly DiagnosticDescriptor UnknownExposedPort = new(
        id: UnknownExposedPortId,
        title: "Included or excluded port does not exist on the child",
        messageFormat: "'{0}' is not an {1} port of '{2}'",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Include and Exclude name ports of the child exactly (snake_case port names, not prefixes); a name the child does not have is a typo or a stale entry.",
        helpLinkUri: HelpLinkPrefix + UnknownExposedPortId + ".md");

    public static readonly DiagnosticDescriptor ExposedNameClash = new(
        id: ExposedNameClashId,
        title: "Exposed port clashes with another port or member",
        messageFormat: "The exposed {0} '{1}' of '{2}' clashes with {3}",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An exposed port becomes a port and a property of the parent; its name must differ from the parent's own ports and from the ports and members other exposures add.",
        helpLinkUri: HelpLinkPrefix + ExposedNameClashId + ".md");

    public static readonly DiagnosticDescriptor ExposedTypeNotProcess = new(
        id: ExposedTypeNotProcessId,
        title: "Exposed type is not a process or task",
        messageFormat: "'{0}' cannot be exposed because it is not a [Process] or [Task]",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[ExposeInputs] and [ExposeOutputs] copy the ports of a child process or task; other types have no ports.",
        helpLinkUri: HelpLinkPrefix + ExposedTypeNotProcessId + ".md");

    public static readonly DiagnosticDescriptor ExposeCycle = new(
        id: ExposeCycleId,
        title: "Process exposes itself through an expose cycle",
        messageFormat: "'{0}' exposes itself through the cycle {1}",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A process that exposes the ports of a process that exposes its own ports, directly or through others, would have infinitely many ports; break the cycle.",
        helpLinkUri: HelpLinkPrefix + ExposeCycleId + ".md");

    public static readonly DiagnosticDescriptor DataTypeNotGenerated = new(
        id: DataTypeNotGeneratedId,
        title: "Data or port namespace type is skipped by the generator",
        messageFormat: "The generator skips the [{0}] type '{1}' because {2}",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator writes the serializer (and, for a namespace, the port spec) into every [ProcessData] and [PortNamespace] type, so the type and every type that contains it must be partial, and the type must be a concrete, non-static, non-generic class, struct or record without a base class and with fewer than 250 serialized members. Otherwise nothing is generated and the processes that use the type fail to compile.",
        helpLinkUri: HelpLinkPrefix + DataTypeNotGeneratedId + ".md");

    public static readonly DiagnosticDescriptor InvalidRetryOrTimeLimit = new(
        id: InvalidRetryOrTimeLimitId,
        title: "Invalid retry policy or time limit",
        messageFormat: "[{0}] on '{1}' is invalid: {2}",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Retry] attribute needs at least one attempt, delays between 0 and int.MaxValue milliseconds, a back-off factor between 1 and 100 and exception types in RetryOn; a [TimeLimit] needs 1 ms to int.MaxValue ms. The generator does not emit an invalid policy, so the type would run without it.",
        helpLinkUri: HelpLinkPrefix + InvalidRetryOrTimeLimitId + ".md");

    public static readonly DiagnosticDescriptor InvalidConcurrency = new(
        id: InvalidConcurrencyId,
        title: "Invalid concurrency declaration",
        messageFormat: "[{0}] on '{1}' is invalid: {2}",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [SingleInstance] key names [Input] properties of the type, each once; a [Concurrency] limit is at least 1. The generator does not emit an invalid declaration, so the type would run without the limit or the single-instance guarantee.",
        helpLinkUri: HelpLinkPrefix + InvalidConcurrencyId + ".md");

    /// <summary>Where the documentation pages live; a diagnostic's page is this prefix, its ID and <c>.md</c>.</summary>
    public static readonly DiagnosticDescriptor AsyncVoidStep = new(
        id: AsyncVoidStepId,
        title: "Step method is async void",
        messageFormat: "The step '{0}' is 'async void': the runtime sees it finish at its first await and its exception ends the host; return 'ValueTask' or 'Task'",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A step passed to Step must be awaitable so the runtime can wait for it and record its failure.",
        helpLinkUri: HelpLinkPrefix + AsyncVoidStepId + ".md");

    public static readonly DiagnosticDescriptor SettableInput = new(
        id: SettableInputId,
        title: "Input has a set accessor",
        messageFormat: "The input '{0}' has a 'set' accessor, so a step can change its own input; use 'init'",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Inputs are fixed when the process is created; an 'init' accessor lets the creator set them and nobody change them afterwards.",
        helpLinkUri: HelpLinkPrefix + SettableInputId + ".md");

    public static readonly DiagnosticDescriptor DuplicateProcessName = new(
        id: DuplicateProcessNameId,
        title: "Two process types are registered under the same name",
        messageFormat: "'{0}' is registered under the name '{1}', which '{2}' already uses",
        category: DiagnosticCategories.Declaration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each [Process] and [Task] registers under its Name (or its metadata name); two registrations under one name stop the host when the assembly loads.",
        helpLinkUri: HelpLinkPrefix + DuplicateProcessNameId + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor WrongStepShape = new(
        id: WrongStepShapeId,
        title: "Step method has the wrong shape",
        messageFormat: "'{0}' cannot be a step; a step is 'void M()', 'void M(StepContext context)', 'ValueTask M()' or 'ValueTask M(StepContext context)' (or an async lambda of those shapes)",
        category: DiagnosticCategories.Outline,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "OutlineBuilder.Step takes an Action, an Action<StepContext>, a Func<ValueTask> or a Func<StepContext, ValueTask>.",
        helpLinkUri: HelpLinkPrefix + WrongStepShapeId + ".md");

    public static readonly DiagnosticDescriptor ChildNeverStarted = new(
        id: ChildNeverStartedId,
        title: "Child key is never started",
        messageFormat: "No {2} in '{0}' uses the key \"{1}\", so this lookup fails at run time",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "GetChild and TryGetChild find a child started earlier with StartChild under the same key; GetChildren and GetChildResults find the children of a StartChildren under the same key.",
        helpLinkUri: HelpLinkPrefix + ChildNeverStartedId + ".md");

    public static readonly DiagnosticDescriptor OutputNeverAssigned = new(
        id: OutputNeverAssignedId,
        title: "Output is never assigned",
        messageFormat: "The output '{0}' of '{1}' is never assigned, so every run reports default({2}) as a valid output",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An output of a non-nullable value type is required, yet its default cannot be told apart from a value the body produced. Assign it in the body, or make it nullable (an optional output: unset means absent, not 0).",
        helpLinkUri: HelpLinkPrefix + OutputNeverAssignedId + ".md");

    public static readonly DiagnosticDescriptor DataMemberNotSaved = new(
        id: DataMemberNotSavedId,
        title: "Get-only property of a data type is not saved",
        messageFormat: "The get-only property '{0}' of '{1}' is not saved in checkpoints, so a continued process sees its initial value; {2}",
        category: DiagnosticCategories.Serialization,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A [ProcessData] type saves its public fields, its public properties with a setter and its get-only auto-properties of a mutable collection type (filled in place). Any other get-only auto-property holds data that is silently lost when the process is continued from a checkpoint.",
        helpLinkUri: HelpLinkPrefix + DataMemberNotSavedId + ".md");

    public static readonly DiagnosticDescriptor EventNeverAwaited = new(
        id: EventNeverAwaitedId,
        title: "Event is never awaited",
        messageFormat: "No {2} in '{0}' waits for the event \"{1}\", so this read never finds it",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A step receives an event only through a WaitForEvent of its name in an earlier step; GetEvent, TryGetEvent and HasEvent read what such a wait received.",
        helpLinkUri: HelpLinkPrefix + EventNeverAwaitedId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedValidationAttribute = new(
        id: UnsupportedValidationAttributeId,
        title: "Validation attribute is not supported",
        messageFormat: "[{0}] on '{1}' is not a validation attribute the generator compiles, so '{2}' is skipped; use [RegularExpression] or a [Validator] method",
        category: DiagnosticCategories.Validation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator compiles Range, MinLength, MaxLength, Length, StringLength, RegularExpression, EmailAddress, Url, Base64String, AllowedValues, DeniedValues and Required; it skips a type whose port carries another validation attribute rather than ignore the check.",
        helpLinkUri: HelpLinkPrefix + UnsupportedValidationAttributeId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedPortMember = new(
        id: UnsupportedPortMemberId,
        title: "Port property has an unsupported shape",
        messageFormat: "'{0}' cannot be a port because it is {1}",
        category: DiagnosticCategories.Ports,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A port is an instance property with a get accessor; the generator skips the whole type otherwise.",
        helpLinkUri: HelpLinkPrefix + UnsupportedPortMemberId + ".md");

    public const string HelpLinkPrefix = "https://github.com/processes-sdk/processes/blob/main/docs/diagnostics/";
}
