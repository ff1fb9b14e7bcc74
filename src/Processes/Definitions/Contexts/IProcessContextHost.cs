using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Processes.Runtime;

/// <summary>What a running process offers its step and task contexts (implemented by the execution).</summary>
internal interface IProcessContextHost
{
    ProcessId Id { get; }

    string Name { get; }

    CancellationToken CancellationToken { get; }

    ILogger Logger { get; }

    System.IServiceProvider Services { get; }

    int Attempt { get; }

    void StartTimer(System.DateTimeOffset due);

    void RequestExit(int exitCode, string? message);

    void WaitForEvent(string eventName, System.DateTimeOffset? deadline);

    bool TryGetEvent(string eventName, out ProcessEventRecord? record);

    System.DateTimeOffset UtcNow { get; }

    void ReportStatus(string? message);

    void EmitOutput(string outputName);

    ProcessId LaunchChild<TChild>(string key, TChild child, ChildFlags flags = ChildFlags.None, int parallelism = 0)
        where TChild : class, IProcessDefinition<TChild>;

    bool TryGetChildFailure(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessStatus? status, out System.Exception? localException);

    TChild GetChild<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>;

    bool TryGetChild<TChild>(string key, out TChild? child)
        where TChild : class, IProcessDefinition<TChild>;

    bool HasChild(string key);

    void ForgetChild(string key);

    ValueTask<TChild> RunChildAsync<TChild>(TChild child, CancellationToken cancellationToken)
        where TChild : class, IProcessDefinition<TChild>;

    /// <summary>Runs one item of a map chunk: inline when its type allows it, else as a tracked child (rerun-safe).</summary>
    ValueTask<TItem> RunMapItemAsync<TItem>(ProcessDescriptor<TItem> descriptor, TItem item, CancellationToken cancellationToken)
        where TItem : class;

    /// <summary>The runtime's shared states, written under this process's name.</summary>
    ISharedStateClient SharedStates { get; }
}
