using System;
using System.Collections.Generic;
using System.Globalization;
using MemoryPack;

namespace Processes.Benchmarks.Subjects;

// The shapes of the codec cases. Each type carries both [ProcessData] and [MemoryPackable], so the
// SDK's codec and MemoryPack serialize the very same object (and, by design, to the same bytes).

/// <summary>codec-records: one small record of a batch.</summary>
[ProcessData]
[MemoryPackable]
public partial class OrderLine
{
    public int Id { get; set; }
    public string? Sku { get; set; }
    public double Price { get; set; }
    public int Quantity { get; set; }
    public DateTime At { get; set; }
    public bool Shipped { get; set; }
}

/// <summary>codec-records: 10,000 <see cref="OrderLine"/>s.</summary>
[ProcessData]
[MemoryPackable]
public partial class OrderBatch
{
    public List<OrderLine>? Lines { get; set; }

    public static OrderBatch CreateSample(int count = 10_000)
    {
        var lines = new List<OrderLine>(count);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            lines.Add(new OrderLine
            {
                Id = i,
                Sku = "SKU-" + (i % 977).ToString("D5", CultureInfo.InvariantCulture),
                Price = 1.25 + (i % 100),
                Quantity = 1 + (i % 7),
                At = start.AddMinutes(i),
                Shipped = i % 3 == 0,
            });
        }

        return new OrderBatch { Lines = lines };
    }
}

/// <summary>codec-doubles: a <c>List&lt;double&gt;</c> of 100,000.</summary>
[ProcessData]
[MemoryPackable]
public partial class SampleSeries
{
    public List<double>? Values { get; set; }

    public static SampleSeries CreateSample(int count = 100_000)
    {
        var values = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(Math.Sin(i * 0.001) * 1000.0);
        }

        return new SampleSeries { Values = values };
    }
}

/// <summary>codec-strings: 1,000 strings of 4–120 chars, one in ten with non-ASCII letters.</summary>
[ProcessData]
[MemoryPackable]
public partial class TextBatch
{
    public List<string>? Words { get; set; }

    public static TextBatch CreateSample(int count = 1_000)
    {
        var words = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var length = 4 + (i * 37 % 117);
            var text = new string((char)('a' + (i % 26)), length);
            words.Add(i % 10 == 0 ? "Grüße, " + text + " – Ωμέγα" : text);
        }

        return new TextBatch { Words = words };
    }
}
