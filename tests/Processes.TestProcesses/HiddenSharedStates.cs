using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>
/// Shared state classes that no module initializer registers (they are nested in a private type),
/// reached through these helpers: a worker knows them only when a test registers one by hand.
/// </summary>
public static partial class HiddenSharedStates
{
    /// <summary>The stored name of the class no worker knows.</summary>
    public const string UnregisteredName = "tests.hidden-unregistered";

    /// <summary>The stored name of the ledger (version 1 and 2 share it).</summary>
    public const string LedgerName = "tests.hidden-ledger";

    /// <summary>Registers version 1 of the ledger, which lacks version 2's <c>Close</c> operation.</summary>
    public static ProcessRegistry RegisterLedgerV1(ProcessRegistry registry) => registry.RegisterSharedState<Hidden.LedgerV1>();

    /// <summary>Runs the unregistered class's <c>Add</c> operation.</summary>
    public static ValueTask<int> AddToUnregisteredAsync(ISharedStateClient states, string key, int amount) => states.UpdateAsync(key, Hidden.Unregistered.Operations.Add(amount));

    /// <summary>The unregistered state's version.</summary>
    public static async ValueTask<long> UnregisteredVersionAsync(ISharedStateClient states, string key) => (await states.GetAsync<Hidden.Unregistered>(key)).Version;

    /// <summary>Runs version 1's <c>Add</c> operation.</summary>
    public static ValueTask<int> AddToLedgerAsync(ISharedStateClient states, string key, int amount) => states.UpdateAsync(key, Hidden.LedgerV1.Operations.Add(amount));

    /// <summary>Runs version 2's <c>Close</c> operation, which version 1 does not declare.</summary>
    public static ValueTask<long> CloseLedgerAsync(ISharedStateClient states, string key) => states.UpdateAsync(key, Hidden.LedgerV2.Operations.Close());

    /// <summary>The ledger's version.</summary>
    public static async ValueTask<long> LedgerVersionAsync(ISharedStateClient states, string key) => (await states.GetAsync<Hidden.LedgerV1>(key)).Version;

    private static partial class Hidden
    {
        [SharedState(Name = UnregisteredName)]
        public partial class Unregistered
        {
            public int Count { get; set; }

            [SharedStateOperation]
            public int Add(int amount) => Count += amount;
        }

        [SharedState(Name = LedgerName)]
        public partial class LedgerV1
        {
            public int Total { get; set; }

            [SharedStateOperation]
            public int Add(int amount) => Total += amount;
        }

        [SharedState(Name = LedgerName)]
        public partial class LedgerV2
        {
            public int Total { get; set; }

            public bool Closed { get; set; }

            [SharedStateOperation]
            public int Add(int amount) => Total += amount;

            [SharedStateOperation]
            public void Close() => Closed = true;
        }
    }
}
