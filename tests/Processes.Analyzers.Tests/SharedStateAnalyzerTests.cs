using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>PRC0042, PRC0043 and PRC0028 on [SharedState] classes.</summary>
public sealed class SharedStateAnalyzerTests
{
    [Fact]
    public Task A_valid_shared_state_is_accepted() => AnalyzerVerifier.VerifyCleanAsync("""
        using System.Collections.Generic;
        using Processes;

        [ProcessData]
        public partial class Entry
        {
            public string Name { get; set; } = "";
        }

        [SharedState(Name = "ledger")]
        public partial class Ledger
        {
            public int Count { get; set; }
            public long Total;
            public Dictionary<string, int> PerUser { get; set; } = new();
            public List<Entry> Entries { get; set; } = new();
            public int Computed => Count * 2;
            private int _notState;
            private readonly int _alsoNotState = 0;
        }
        """);

    [Fact]
    public Task PRC0042_a_member_of_an_unsupported_type_is_reported_with_its_path() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [SharedState]
        public partial class Board
        {
            public int Count { get; set; }
            public System.IO.Stream? {|PRC0042:Log|} { get; set; }
            public System.Action? {|PRC0042:Callback|};
        }
        """,
        new ExpectedDiagnostic("PRC0042", "The type 'System.IO.Stream' used by the shared state member 'Board.Log' cannot be serialized; use a supported type or mark it [ProcessData]"),
        new ExpectedDiagnostic("PRC0042", "The type 'System.Action' used by the shared state member 'Board.Callback' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task PRC0043_readonly_fields_and_init_only_properties_are_reported() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [SharedState]
        public partial class Ledger
        {
            public int {|PRC0043:Entries|} { get; init; }
            public readonly int {|PRC0043:Limit|} = 3;
        }
        """,
        new ExpectedDiagnostic("PRC0043", "The shared state member 'Ledger.Entries' cannot be part of the state because its setter is init-only; use 'set'"),
        new ExpectedDiagnostic("PRC0043", "The shared state member 'Ledger.Limit' cannot be part of the state because it is readonly; an update must be able to set it"));

    [Fact]
    public Task PRC0028_a_shared_state_that_is_not_partial_or_a_record_is_reported() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [SharedState]
        public class {|PRC0028:Plain|}
        {
            public int Count { get; set; }
        }

        [SharedState]
        public partial record {|PRC0028:Recorded|}
        {
            public int Count { get; set; }
        }
        """,
        new ExpectedDiagnostic("PRC0028", "The generator skips the [SharedState] type 'Plain' because it is not partial; declare it partial"),
        new ExpectedDiagnostic("PRC0028", "The generator skips the [SharedState] type 'Recorded' because it is a record; use a plain class"));
}
