using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>PRODUCT.md §4, the transition table, cell by cell.</summary>
public sealed class StateTransitionTests
{
    private static readonly Dictionary<ProcessState, ProcessState[]> Table = new()
    {
        [ProcessState.Created] = [ProcessState.Running, ProcessState.Killed, ProcessState.Excepted],
        [ProcessState.Running] = [ProcessState.Running, ProcessState.Waiting, ProcessState.Finished, ProcessState.Killed, ProcessState.Excepted],
        [ProcessState.Waiting] = [ProcessState.Running, ProcessState.Waiting, ProcessState.Finished, ProcessState.Killed, ProcessState.Excepted],
        [ProcessState.Finished] = [],
        [ProcessState.Excepted] = [],
        [ProcessState.Killed] = [],
    };

    public static TheoryData<ProcessState, ProcessState> AllPairs()
    {
        var data = new TheoryData<ProcessState, ProcessState>();
        foreach (var from in Enum.GetValues<ProcessState>())
        {
            foreach (var to in Enum.GetValues<ProcessState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_allowed_exactly_when_the_table_says_so(ProcessState from, ProcessState to)
    {
        Assert.Equal(Table[from].Contains(to), ProcessStateTransitions.IsAllowed(from, to));
    }

    [Fact]
    public void Finished_excepted_and_killed_are_terminal_and_nothing_else_is()
    {
        var terminal = Enum.GetValues<ProcessState>().Where(state => state.IsTerminal()).ToArray();
        Assert.Equal([ProcessState.Finished, ProcessState.Excepted, ProcessState.Killed], terminal);
    }
}
