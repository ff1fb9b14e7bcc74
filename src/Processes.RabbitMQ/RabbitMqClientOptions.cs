using System;

namespace Processes.RabbitMQ;

/// <summary>Options of a <see cref="RabbitMqProcessClient"/>.</summary>
public sealed record RabbitMqClientOptions
{
    /// <summary>The broker and the deployment's prefix.</summary>
    public RabbitMqConnectionOptions Connection { get; init; } = new();

    /// <summary>
    /// How long a control call (status, pause, play, kill) waits for its answer before failing with
    /// <see cref="TimeoutException"/>. Default 30 s.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long pause, play and kill <em>all</em> and list collect the workers' answers: the number
    /// of workers is not known, so every answer that arrives within this time counts. Default 2 s.
    /// </summary>
    public TimeSpan BroadcastTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a worker may hold a wait for a process before answering "still running", after
    /// which the client asks again (so a wait survives the death of the worker it asked). Default 10 s.
    /// </summary>
    public TimeSpan WaitLongPoll { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest pause between two asks of a wait for a process nobody runs yet (queued, or
    /// between owners). The first pause is 50 ms and doubles. Default 1 s.
    /// </summary>
    public TimeSpan WaitRetryMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a shared state call (read, update, one long poll of a watch) waits for its answer
    /// before failing with <see cref="TimeoutException"/>. It must outlast a change of the serving
    /// worker: the next one serves a state once the dead one's ownership lease has lapsed
    /// (<see cref="SharedStateOptions.LeaseDuration"/>). Default 1 min.
    /// </summary>
    public TimeSpan SharedStateTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
