using System;
using System.Collections.Generic;

namespace HostedWorker;

/// <summary>An application service the process steps use: prices in cents, from the container.</summary>
public interface IPriceList
{
    /// <summary>The price of one <paramref name="item"/>, in cents.</summary>
    long PriceOf(string item);
}

/// <summary>A fixed price list (a real one would read a database through a scoped DbContext).</summary>
public sealed class FixedPriceList : IPriceList
{
    private static readonly Dictionary<string, long> Prices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apple"] = 45,
        ["bread"] = 320,
        ["cheese"] = 790,
        ["coffee"] = 1150,
    };

    /// <inheritdoc />
    public long PriceOf(string item) =>
        Prices.TryGetValue(item, out var price) ? price : throw new ArgumentException($"No price for '{item}'.", nameof(item));
}
