using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// Runs analyzers during an emit the way csc does, so build-cost charges them what a build pays.
/// </summary>
/// <remarks>
/// <para>
/// Roslyn 4.8's <c>CommonCompiler.CompileAndEmit</c> (the csc entry point) does not use
/// <see cref="CompilationWithAnalyzers"/>. It calls the internal
/// <c>AnalyzerDriver.CreateAndAttachToCompilation</c>, which returns a copy of the compilation with
/// a <c>CachingSemanticModelProvider</c> and a compilation event queue; then it compiles and emits
/// that copy. While the method compiler binds each body for emit it enqueues the symbol's event
/// and puts the bound body on the cached semantic model (<c>SemanticModelWithCachedBoundNodes</c>),
/// so syntax-node and operation actions reuse the compiler's binding instead of binding again.
/// The driver consumes the events on the thread pool while the compiler works; once the methods
/// are compiled, csc completes the trees and waits for <c>AnalyzerDriver.GetDiagnosticsAsync</c>.
/// </para>
/// <para>
/// The public <see cref="CompilationWithAnalyzers"/> instead drives its own copy with
/// <c>GetDiagnostics</c>: a full second binding of every method body when the build also emits,
/// which would overstate the analyzers by the whole bind phase. No public API attaches a driver
/// to an emit, so this class calls the same internal members csc calls, by reflection, against
/// the Roslyn version the benchmarks reference (4.8, like the analyzers); it fails loudly if
/// they are missing rather than measuring something else.
/// </para>
/// <para>
/// One difference remains: csc waits for the analyzers before it serializes the PE image, while
/// the public <c>Compilation.Emit</c> used here serializes first, so analyzer work may overlap serialization. <see cref="WaitAfterEmit"/>
/// shows how long the analyzers were still running after emit returned (the profile prints it).
/// </para>
/// </remarks>
internal sealed class CommandLineAnalyzerHost
{
    private static readonly Type DriverType = RoslynType("Microsoft.CodeAnalysis.Diagnostics.AnalyzerDriver");
    private static readonly Type ManagerType = RoslynType("Microsoft.CodeAnalysis.Diagnostics.AnalyzerManager");
    private static readonly Type SeverityFilterType = RoslynType("Microsoft.CodeAnalysis.Diagnostics.SeverityFilter");

    private static readonly MethodInfo CreateAndAttach = Method(DriverType, "CreateAndAttachToCompilation", BindingFlags.Static,
        typeof(Compilation), typeof(ImmutableArray<DiagnosticAnalyzer>), typeof(AnalyzerOptions), ManagerType,
        typeof(Action<Diagnostic>), typeof(bool), SeverityFilterType, typeof(bool), typeof(Compilation).MakeByRefType(), typeof(CancellationToken));

    private static readonly MethodInfo GetDiagnosticsAsyncMethod = Method(DriverType, "GetDiagnosticsAsync", BindingFlags.Instance,
        typeof(Compilation), typeof(CancellationToken));

    private static readonly MethodInfo CompleteTreesMethod = Method(typeof(Compilation), "CompleteTrees", BindingFlags.Instance, typeof(SyntaxTree));

    private static readonly PropertyInfo ExecutionTimesProperty = DriverType.GetProperty("AnalyzerExecutionTimes", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw Missing("AnalyzerDriver.AnalyzerExecutionTimes");

    private static readonly PropertyInfo SemanticModelProviderProperty = typeof(Compilation).GetProperty("SemanticModelProvider", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw Missing("Compilation.SemanticModelProvider");

    private readonly object _driver;
    private readonly ConcurrentQueue<Diagnostic> _exceptionDiagnostics;

    private CommandLineAnalyzerHost(object driver, Compilation attached, ConcurrentQueue<Diagnostic> exceptionDiagnostics)
    {
        _driver = driver;
        Compilation = attached;
        _exceptionDiagnostics = exceptionDiagnostics;
    }

    /// <summary>The compilation to emit: the input with the analyzer driver attached.</summary>
    public Compilation Compilation { get; }

    /// <summary>How long <see cref="GetDiagnostics"/> waited for the analyzers after emit returned.</summary>
    public TimeSpan WaitAfterEmit { get; private set; }

    /// <summary>The name of the semantic model provider the compiler shares with the analyzers (csc: CachingSemanticModelProvider).</summary>
    public string SemanticModelProviderName => SemanticModelProviderProperty.GetValue(Compilation)?.GetType().Name ?? "none";

    /// <summary>
    /// Attaches the analyzers as csc does: default analyzer options, no severity filter (every PRC
    /// descriptor is a warning or an error, so csc's filter of hidden/info-only analyzers would skip
    /// none), and per-analyzer execution times recorded when <paramref name="logExecutionTime"/> is
    /// set (csc's <c>/reportanalyzer</c>).
    /// </summary>
    public static CommandLineAnalyzerHost Attach(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logExecutionTime)
    {
        var exceptionDiagnostics = new ConcurrentQueue<Diagnostic>();
        var manager = Activator.CreateInstance(ManagerType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, new object[] { analyzers }, null)
            ?? throw Missing("AnalyzerManager(ImmutableArray<DiagnosticAnalyzer>)");
        var arguments = new object?[]
        {
            compilation,
            analyzers,
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            manager,
            (Action<Diagnostic>)exceptionDiagnostics.Enqueue,
            logExecutionTime,
            Enum.ToObject(SeverityFilterType, 0),
            false,
            null,
            CancellationToken.None,
        };
        var driver = CreateAndAttach.Invoke(null, arguments) ?? throw Missing("an AnalyzerDriver from CreateAndAttachToCompilation");
        return new CommandLineAnalyzerHost(driver, (Compilation)arguments[8]!, exceptionDiagnostics);
    }

    /// <summary>
    /// After <see cref="Compilation"/> was emitted: completes the event queue (as csc does after
    /// compiling the methods) and waits for the analyzers' diagnostics. Throws if an analyzer threw.
    /// </summary>
    public ImmutableArray<Diagnostic> GetDiagnostics()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CompleteTreesMethod.Invoke(Compilation, new object?[] { null });
        var task = (Task<ImmutableArray<Diagnostic>>)GetDiagnosticsAsyncMethod.Invoke(_driver, new object[] { Compilation, CancellationToken.None })!;
        var diagnostics = task.GetAwaiter().GetResult();
        WaitAfterEmit = clock.Elapsed;
        if (!_exceptionDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("An analyzer threw: " + string.Join(Environment.NewLine, _exceptionDiagnostics));
        }

        return diagnostics;
    }

    /// <summary>Each analyzer's execution time (only when attached with logging on).</summary>
    public ImmutableDictionary<DiagnosticAnalyzer, TimeSpan> ExecutionTimes =>
        (ImmutableDictionary<DiagnosticAnalyzer, TimeSpan>)ExecutionTimesProperty.GetValue(_driver)!;

    private static Type RoslynType(string name) =>
        typeof(Compilation).Assembly.GetType(name, throwOnError: false) ?? throw Missing(name);

    private static MethodInfo Method(Type type, string name, BindingFlags kind, params Type[] parameters) =>
        type.GetMethod(name, kind | BindingFlags.Public | BindingFlags.NonPublic, binder: null, parameters, modifiers: null)
            ?? throw Missing($"{type.Name}.{name}");

    private static InvalidOperationException Missing(string member) => new(
        $"Roslyn {typeof(Compilation).Assembly.GetName().Version} has no {member}: build-cost attaches analyzers through csc's internal driver API (Roslyn 4.8) and will not fall back to a different measurement.");
}
