using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>PRC0047 and PRC0048 on [SharedStateOperation] methods.</summary>
public sealed class SharedStateOperationAnalyzerTests
{
    [Fact]
    public Task Valid_operations_are_accepted() => AnalyzerVerifier.VerifyCleanAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using Processes;

        [ProcessData]
        public partial class Entry
        {
            public string Name { get; set; } = "";
        }

        [SharedState]
        public partial class Ledger
        {
            public int Count { get; set; }
            public List<Entry> Entries { get; set; } = new();

            [SharedStateOperation]
            public int Add(Entry entry, int times)
            {
                Entries.Add(entry);
                Count += times;
                Thread.SpinWait(1);
                return Count;
            }

            [SharedStateOperation]
            internal void Clear() => Entries.Clear();

            [SharedStateOperation]
            public Dictionary<string, int?> Tally(List<string> names, System.DateTimeOffset? at) => new();

            // Not an operation: may do what it likes.
            public void Wait() => Thread.Sleep(1);
        }
        """);

    [Fact]
    public Task PRC0047_unsupported_types_and_shapes_are_reported() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [SharedState]
        public partial class Board
        {
            public int Count { get; set; }

            [SharedStateOperation]
            public void Log(System.IO.Stream {|PRC0047:stream|}) { }

            [SharedStateOperation]
            public System.Action {|PRC0047:Callback|}() => () => { };

            [SharedStateOperation]
            public static void {|PRC0047:Reset|}() { }

            [SharedStateOperation]
            public void {|PRC0047:Swap|}(ref int value) { }

            [SharedStateOperation]
            private void {|PRC0047:Hidden|}() { }

            [SharedStateOperation]
            public void {|PRC0047:Add|}(int amount) => Count += amount;

            [SharedStateOperation]
            public void {|PRC0047:Add|}(long amount) => Count += (int)amount;
        }

        public partial class NotAState
        {
            [SharedStateOperation]
            public void {|PRC0047:Add|}() { }
        }
        """,
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Log' cannot be generated because the type 'System.IO.Stream' of 'stream' cannot be serialized; use a supported type or mark it [ProcessData]"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Callback' cannot be generated because the type 'System.Action' of its 'result' cannot be serialized; use a supported type or mark it [ProcessData]"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Reset' cannot be generated because it is static; an operation runs on the state instance"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Swap' cannot be generated because its parameter 'value' is passed by reference; arguments are sent by value"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Hidden' cannot be generated because it is not public or internal; its typed call is"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Add' cannot be generated because another operation of 'Board' is also named 'Add'; operations are sent by name"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'Board.Add' cannot be generated because another operation of 'Board' is also named 'Add'; operations are sent by name"),
        new ExpectedDiagnostic("PRC0047", "The shared state operation 'NotAState.Add' cannot be generated because its class is not marked [SharedState]"));

    [Fact]
    public Task PRC0048_blocking_calls_and_async_operations_are_reported() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [SharedState]
        public partial class Limiter
        {
            public int Tokens { get; set; }

            [SharedStateOperation]
            public void Take()
            {
                {|PRC0048:Thread.Sleep(10)|};
                Tokens--;
            }

            [SharedStateOperation]
            public int Refill(int tokens)
            {
                var pending = Task.FromResult(tokens);
                {|PRC0048:pending.Wait()|};
                System.Func<int> later = () => {|PRC0048:pending.Result|};
                {|PRC0048:Task.Delay(5)|};
                return Tokens += later();
            }

            [SharedStateOperation]
            public async Task {|PRC0048:TakeLater|}() => await Task.Yield();

            [SharedStateOperation]
            public ValueTask<int> {|PRC0048:Count|}() => new(Tokens);
        }
        """,
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.Take' must be synchronous and must not block, but it calls 'Thread.Sleep', which blocks the state's lock while it waits"),
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.Refill' must be synchronous and must not block, but it calls 'Task.Wait', which blocks the state's lock while it waits"),
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.Refill' must be synchronous and must not block, but it calls 'Task.Result', which blocks the state's lock while it waits"),
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.Refill' must be synchronous and must not block, but it calls 'Task.Delay', which blocks the state's lock while it waits"),
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.TakeLater' must be synchronous and must not block, but it is async"),
        new ExpectedDiagnostic("PRC0048", "The shared state operation 'Limiter.Count' must be synchronous and must not block, but it returns an awaitable; run the wait outside the operation"));
}
