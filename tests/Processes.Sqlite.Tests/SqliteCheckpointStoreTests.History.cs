using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Sqlite.Tests;

public sealed partial class SqliteCheckpointStoreTests
{
    protected override async ValueTask<ICheckpointStore?> OpenWithHistoryAsync(int historyLength) =>
        await Open(new SqliteCheckpointStoreOptions { HistoryLength = historyLength });
}
