using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Runtime;

namespace Processes;

/// <summary>What a running task body or process step can see and do.</summary>
public abstract class ProcessContext
{
    private protected ProcessContext(IProcessContextHost host) => Host = host;

    private protected IProcessContextHost Host { get; }

    /// <summary>The id of the running process.</summary>
    public ProcessId ProcessId => Host.Id;

    /// <summary>The registered name of the running process type.</summary>
    public string ProcessName => Host.Name;

    /// <summary>Signalled when the process is killed; long-running work should observe it.</summary>
    public CancellationToken CancellationToken => Host.CancellationToken;

    /// <summary>A logger scoped to the process.</summary>
    public ILogger Logger => Host.Logger;

    /// <summary>
    /// The application's services, in a DI scope of their own for this step or task body: created
    /// on first use, disposed when the body returns (so a scoped <c>DbContext</c> lives for one
    /// step). The runtime's <c>ProcessRuntimeOptions.Services</c> provides them; without it this
    /// throws <see cref="System.InvalidOperationException"/>. Resolve what a body needs here
    /// rather than keeping services in process fields: fields are checkpointed state.
    /// </summary>
    public System.IServiceProvider Services => Host.Services;

    /// <summary>
    /// Which attempt of this body is running: 1 the first time, 2 after one failure retried by
    /// the process's <c>RetryPolicy</c>, and so on. Checkpointed, so it survives a crash during
    /// the back-off.
    /// </summary>
    public int Attempt => Host.Attempt;

    /// <summary>Sets the status message shown in the process's status.</summary>
    public void ReportStatus(string? message) => Host.ReportStatus(message);

    /// <summary>
    /// Emits an output before the end (plumpy's <c>out()</c>): set the output property, then
    /// name it here, by port name (<c>"partial_sum"</c>) or member name (<c>nameof(PartialSum)</c>).
    /// The value is validated against its port's rules at once (an invalid one throws
    /// <see cref="Ports.PortValidationException"/> naming <c>outputs.&lt;port&gt;</c>), the handle's
    /// <c>OutputEmitted</c> event fires, the port is listed in <see cref="ProcessStatus.EmittedOutputs"/>,
    /// and the next checkpoint holds the value. A task run inline (no handle, nobody listening)
    /// skips all of this; its outputs are checked at its end as always.
    /// </summary>
    public void EmitOutput(string outputName) => Host.EmitOutput(outputName);

    /// <summary>
    /// The runtime's shared states (<c>docs/concepts/shared-state.md</c>), written under this
    /// process's name (<c>process:&lt;id&gt;</c>), so its watches skip its own changes unless asked.
    /// A step that waits for a state (<see cref="SharedStateClientExtensions.WaitUntilAsync{TState}"/>)
    /// waits again when its process is continued after a stop: the interrupted step reruns.
    /// </summary>
    public ISharedStateClient SharedStates => Host.SharedStates;
}
