using System;
using System.Collections.Generic;
using System.Threading;

namespace Processes.Runtime;

/// <summary>
/// The fields that most runs never set (a status message, an error, retries and time limits,
/// timers, events, emitted outputs, listeners, a handle, remote children), kept in one object
/// created on first use: a process that runs its steps and ends carries a smaller execution.
/// </summary>
internal abstract partial class ProcessExecution
{
    // Null until one of its fields is set; created once (see Seldom), never replaced.
    private SeldomFields? _seldom;

    /// <summary>The seldom fields, created on first use (from any thread: only one is kept).</summary>
    private SeldomFields Seldom => Volatile.Read(ref _seldom) ?? CreateSeldom();

    /// <summary>Whether the seldom fields were created (tests: a process that waits in a plain step has none).</summary>
    internal bool HasSeldomFields => Volatile.Read(ref _seldom) is not null;

    private SeldomFields CreateSeldom()
    {
        Interlocked.CompareExchange(ref _seldom, new SeldomFields(), null);
        return _seldom!;
    }

    /// <summary>
    /// The rare fields. Guarded by the execution's lock unless a comment says otherwise, as they
    /// were as fields of the execution; mutable fields, not properties, so they can be passed by
    /// reference and read with <see cref="Volatile"/>.
    /// </summary>
    private sealed class SeldomFields
    {
        // Created when a step asks for the token (see CancellationToken).
        public CancellationTokenSource? Cancellation;
        public string? StatusMessage;
        public string? ExitMessage;
        public ProcessErrorInfo? Error;
        public Exception? LocalException;
        public Exception? DetachReason;
        public ProcessHandle? Handle;

        // Swapped with Interlocked: created by the first step that asks for services.
        public BodyServiceScope? BodyServices;

        // The launch's own retry policy and time limit (checkpointed).
        public RetryPolicy? RetryOverride;
        public TimeSpan? TimeLimitOverride;
        public DateTimeOffset? RetryDueAt;

        // Read through Volatile by a running step's context.
        public CancellationTokenSource? BodyCancellation;

        // The W3C traceparent of the last traced run (from the checkpoint, then each run's span):
        // saved in every checkpoint, so the next run, here or in another runtime, links its span to it.
        public string? TraceParent;

        // Set by the running step, read by the loop after it.
        public DateTimeOffset? TimerDueAt;
        public DateTimeOffset? StateWaitDeadline;
        public BodyResult? RequestedExit;

        public ISharedStateClient? SharedStates;

        // Read without the lock through Volatile (see EventInbox).
        public EventInbox? Events;

        // Null until the first emission.
        public List<string>? EmittedOutputs;

        public EventHandler<OutputEmittedEventArgs>? OutputEmitted;
        public EventHandler<ProcessStateChangedEventArgs>? StateChanged;

        // Launched by the running step, stored and dispatched by ChildrenPersisted.
        public List<RemoteLaunch>? RemoteLaunches;

        /// <summary>The fields a checkpoint or launch options set, or null when they set none (a new process, most continued ones).</summary>
        public static SeldomFields? Restore(ProcessSnapshot snapshot)
        {
            var events = EventInbox.Restore(snapshot);
            if (snapshot is { StatusMessage: null, ExitMessage: null, Error: null, RetryDueAt: null, TimerDueAt: null, StateWaitDeadline: null, Retry: null, TimeLimit: null, TraceParent: null, EmittedOutputs.Count: 0 }
                && events is null)
            {
                return null;
            }

            return new SeldomFields
            {
                StatusMessage = snapshot.StatusMessage,
                ExitMessage = snapshot.ExitMessage,
                Error = snapshot.Error,
                RetryDueAt = snapshot.RetryDueAt,
                TimerDueAt = snapshot.TimerDueAt,
                StateWaitDeadline = snapshot.StateWaitDeadline,
                RetryOverride = snapshot.Retry,
                TimeLimitOverride = snapshot.TimeLimit,
                Events = events,
                EmittedOutputs = snapshot.EmittedOutputs.Count == 0 ? null : new List<string>(snapshot.EmittedOutputs),
                TraceParent = snapshot.TraceParent,
            };
        }
    }
}
