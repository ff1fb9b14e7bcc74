using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Tests.Runtime;

public sealed class ProcessIdTests
{
    [Fact]
    public void New_ids_are_distinct_version_4_guids_even_from_many_threads()
    {
        var ids = new HashSet<Guid>();
        var batches = new Guid[8][];
        Parallel.For(0, batches.Length, batch =>
        {
            var local = new Guid[50_000];
            for (var i = 0; i < local.Length; i++)
            {
                local[i] = ProcessId.New().Value;
            }

            batches[batch] = local;
        });

        foreach (var batch in batches)
        {
            foreach (var id in batch)
            {
                Assert.True(ids.Add(id), $"{id} was produced twice");
                var text = id.ToString("N");
                Assert.Equal('4', text[12]); // version nibble
                Assert.Contains(text[16], "89ab"); // RFC 4122 variant
            }
        }
    }
}
