using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Processes;

/// <summary>Fan-out in one outline instruction: a child per item, their outputs in item order, no keys.</summary>
public sealed partial class OutlineBuilder
{
    /// <summary>
    /// Launches one child per item of <paramref name="items"/> (read from the process's state when
    /// the outline reaches it), waits for all of them (state <see cref="ProcessState.Waiting"/>, no
    /// thread held, checkpointed like any wait for children) and hands their outputs, in item
    /// order, to <paramref name="collect"/>, typed end to end and without keys:
    /// <code>
    /// outline.Map(() => Numbers, n => new Square { X = n }, squares => Total = squares.Sum(s => s.Result));
    /// </code>
    /// It is <see cref="StepContext.StartChildren{TChild}(string, IEnumerable{TChild}, MapOptions)"/>
    /// in one step and <see cref="StepContext.GetChildren{TChild}(string)"/> in the next, under a
    /// key of its own: a process stopped or crashed mid-map and continued anywhere launches no
    /// child twice. <paramref name="options"/> bounds how many children run at once
    /// (<see cref="MapOptions.DefaultMaxParallelism"/> when null); with the default fail-fast
    /// policy the first failed child fails the process and kills the rest. To keep going past
    /// failures, use <see cref="MapAll{TItem, TChild}"/>.
    /// </summary>
    /// <param name="items">The items, read when the outline reaches the map.</param>
    /// <param name="create">The child of one item.</param>
    /// <param name="collect">Receives the children, with their outputs, in item order.</param>
    /// <param name="options">Parallelism (the failure policy is always fail fast here).</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder Map<TItem, TChild>(
        Func<IEnumerable<TItem>> items,
        Func<TItem, TChild> create,
        Action<IReadOnlyList<TChild>> collect,
        MapOptions? options = null,
        [CallerArgumentExpression(nameof(items))] string name = "")
        where TChild : class, IProcessDefinition<TChild>
    {
        ArgumentNullException.ThrowIfNull(collect);
        var key = StartMap(items, create, (options ?? new MapOptions()) with { OnFailure = MapFailurePolicy.FailFast }, name);
        return Add(OutlineInstruction.ForStep("collect " + name, (Action<StepContext>)(context => collect(context.GetChildren<TChild>(key)))));
    }

    /// <summary>
    /// As <see cref="Map{TItem, TChild}"/>, but every child runs to its end whatever the others do
    /// (<see cref="MapFailurePolicy.CollectErrors"/>), and <paramref name="collect"/> receives one
    /// <see cref="ChildResult{TChild}"/> per item: the child with its outputs, or why it failed.
    /// </summary>
    /// <param name="items">The items, read when the outline reaches the map.</param>
    /// <param name="create">The child of one item.</param>
    /// <param name="collect">Receives one result per item, in item order.</param>
    /// <param name="options">Parallelism (the failure policy is always collect-errors here).</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder MapAll<TItem, TChild>(
        Func<IEnumerable<TItem>> items,
        Func<TItem, TChild> create,
        Action<IReadOnlyList<ChildResult<TChild>>> collect,
        MapOptions? options = null,
        [CallerArgumentExpression(nameof(items))] string name = "")
        where TChild : class, IProcessDefinition<TChild>
    {
        ArgumentNullException.ThrowIfNull(collect);
        var key = StartMap(items, create, (options ?? new MapOptions()) with { OnFailure = MapFailurePolicy.CollectErrors }, name);
        return Add(OutlineInstruction.ForStep("collect " + name, (Action<StepContext>)(context => collect(context.GetChildResults<TChild>(key)))));
    }

    /// <summary>Adds the launching step and returns the key the collecting step reads: the instruction's place, unique in the outline.</summary>
    private string StartMap<TItem, TChild>(Func<IEnumerable<TItem>> items, Func<TItem, TChild> create, MapOptions options, string name)
        where TChild : class, IProcessDefinition<TChild>
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelism, 1, nameof(options));
        var key = "outline-map-" + _count.ToString(CultureInfo.InvariantCulture);
        Add(OutlineInstruction.ForStep("map " + name, (Action<StepContext>)(context => context.StartChildren(key, Children(items(), create), options))));
        return key;
    }

    private static IEnumerable<TChild> Children<TItem, TChild>(IEnumerable<TItem> items, Func<TItem, TChild> create)
    {
        foreach (var item in items)
        {
            yield return create(item) ?? throw new InvalidOperationException("The map's create function returned null for an item.");
        }
    }
}
