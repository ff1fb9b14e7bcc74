using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// The runtime's byte-level entry points, used by a remote worker that receives process types by
/// name and inputs as serialized sections: it never knows the process class at compile time.
/// </summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Creates a process by registered name from a serialized inputs section, validates it (every
    /// error collected) and launches it. Malformed bytes throw <see cref="ProcessSerializationException"/>.
    /// With <paramref name="asRun"/> it is launched for one caller that waits for its end, as
    /// <see cref="RunAsync{TProcess}(TProcess, CancellationToken)"/> runs it: once it succeeds its
    /// checkpoints and its children's are deleted, unless
    /// <see cref="ProcessRuntimeOptions.KeepCheckpointsOfFinishedRuns"/>.
    /// </summary>
    internal async ValueTask<ProcessHandle> LaunchSerializedAsync(string processName, ReadOnlyMemory<byte> inputs, LaunchOptions? options, bool asRun = false)
    {
        var adapter = Registry.Get(processName).CreateAdapter();
        adapter.Descriptor.EnsureValidDefaults();
        var process = adapter.ReadInputs(inputs.Span);
        var errors = adapter.ValidateInputs(process);
        if (errors.Count > 0)
        {
            throw new PortValidationException(processName, errors);
        }

        var execution = adapter.Create(this, process, NewSnapshot(adapter.Descriptor, options, parentId: null), isRun: asRun && !_keepCheckpointsOfFinishedRuns);
        return (await LaunchAsync(execution).ConfigureAwait(false)).Handle;
    }

    /// <summary>
    /// True when a launch-and-wait of <paramref name="processName"/> can run inline: a task, nobody
    /// listening to state changes, and no launch option that needs a tracked process (an id, tags,
    /// starting paused). Nobody else can learn the id of such a run, so nothing is lost.
    /// </summary>
    internal bool CanRunSerializedInline(string processName, LaunchOptions? options) =>
        Registry.TryGet(processName, out var descriptor)
        && CanRunInline(descriptor)
        // The status sent back carries an id of its own, which a listener would not have seen.
        && StateChanged is null
        && (options is null || (options.Id is null && !options.StartPaused && options.Tags.Count == 0 && options.Retry is null && options.TimeLimit is null));

    /// <summary>
    /// Runs a task by name from a serialized inputs section, inline: same validation, results and
    /// exceptions as a tracked launch and wait, at a fraction of the cost. Returns the finished run,
    /// which writes its outputs section and says what its status is.
    /// </summary>
    internal async ValueTask<InlineRun> RunSerializedInlineAsync(
        string processName, ReadOnlyMemory<byte> inputs, CancellationToken cancellationToken)
    {
        var adapter = Registry.Get(processName).CreateAdapter();
        var created = TimeProvider.GetUtcNow();
        var process = await adapter.RunInlineAsync(this, adapter.ReadInputs(inputs.Span), cancellationToken).ConfigureAwait(false);
        return new InlineRun(adapter, process, processName, created);
    }

    /// <summary>Writes the inputs section of the process behind <paramref name="handle"/>.</summary>
    internal void WriteInputs(ProcessHandle handle, ProcessWriter writer) => Registry.Get(handle.Name).CreateAdapter().WriteInputs(handle, writer);

    /// <summary>Writes the outputs section of the process behind <paramref name="handle"/>.</summary>
    internal void WriteOutputs(ProcessHandle handle, ProcessWriter writer) => Registry.Get(handle.Name).CreateAdapter().WriteOutputs(handle, writer);

    /// <summary>
    /// The status of a process running here, or else as its last checkpoint records it, without
    /// loading or starting it. Throws <see cref="CheckpointNotFoundException"/> for an unknown id.
    /// </summary>
    internal async ValueTask<ProcessStatus> ReadStatusAsync(ProcessId id, CancellationToken cancellationToken)
    {
        if (TryGetProcess(id, out var handle))
        {
            return handle.Status;
        }

        var checkpoint = await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CheckpointNotFoundException(id);
        var (snapshot, _) = CheckpointEnvelope.Read(checkpoint.Data, $"of process {id}");
        return new ProcessStatus
        {
            Id = snapshot.Id,
            Name = snapshot.Name,
            State = snapshot.State,
            Paused = snapshot.Paused,
            StatusMessage = snapshot.StatusMessage,
            CreatedAt = snapshot.CreatedAt,
            ParentId = snapshot.ParentId,
            ExitCode = snapshot.ExitCode,
            ExitMessage = snapshot.ExitMessage,
            Error = snapshot.Error,
            KillMessage = snapshot.KillMessage,
            EmittedOutputs = snapshot.EmittedOutputs,
        };
    }
}
