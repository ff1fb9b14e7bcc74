using Processes;

namespace Processes.RabbitMQ.TestWorker;

/// <summary>A shared state the worker OS processes know too (its operations are registered when this assembly loads).</summary>
[SharedState(Name = "broker.counter")]
public partial class BrokerCounter
{
    public long Count { get; set; }

    public string Note { get; set; } = "";

    /// <summary>Adds <paramref name="amount"/> on the serving worker and returns the new count.</summary>
    [SharedStateOperation]
    public long Add(long amount) => Count += amount;

    /// <summary>Replaces the note (a change of the Note member only).</summary>
    [SharedStateOperation]
    public void Write(string note) => Note = note;
}
