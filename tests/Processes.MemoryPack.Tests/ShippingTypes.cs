using System.Collections.Generic;
using MemoryPack;

namespace Processes.MemoryPack.Tests;

/// <summary>
/// A user's existing MemoryPack types, unchanged: the SDK's generator writes its own codec for each
/// (MemoryPack's bytes), so they are port, state and event types as they are.
/// </summary>
[MemoryPackable]
public partial class Address
{
    [MemoryPackInclude]
    private int _revision;

    public string Street { get; set; } = "";

    public string? City { get; init; }

    public int Number { get; set; }

    /// <summary>Not serialized by MemoryPack, so not by the SDK either.</summary>
    [MemoryPackIgnore]
    public string? Note { get; set; }

    /// <summary>A computed property: MemoryPack writes it and drops it on read; so does the SDK.</summary>
    public string Label => Street + " " + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public GeoPoint? Location { get; set; }

    public List<string> Lines { get; set; } = [];

    public int Revision => _revision;

    public void Revise() => _revision++;
}

/// <summary>A MemoryPack struct (not unmanaged: it has a string), used bare and as <c>GeoPoint?</c>.</summary>
[MemoryPackable]
public partial struct GeoPoint
{
    public double Latitude;

    public double Longitude;

    public string? Source { get; set; }
}

/// <summary>Explicit layout: the members go in <c>[MemoryPackOrder]</c> order, not declaration order.</summary>
[MemoryPackable(SerializeLayout.Explicit)]
public partial class Parcel
{
    [MemoryPackOrder(2)]
    public Address? To { get; set; }

    [MemoryPackOrder(0)]
    public string Code { get; set; } = "";

    [MemoryPackOrder(1)]
    public double Weight { get; set; }
}

/// <summary>A get-only property set by MemoryPack through the constructor, and by the SDK's codec directly.</summary>
[MemoryPackable]
public partial class Stamp
{
    [MemoryPackConstructor]
    public Stamp(string country, int value)
    {
        Country = country;
        Value = value;
    }

    public string Country { get; }

    public int Value { get; }
}

/// <summary>A positional record.</summary>
[MemoryPackable]
public partial record Receipt(string SignedBy, System.DateTimeOffset At);

/// <summary>
/// A process whose ports and state are the types above: plans a route, waits for "go" (a
/// checkpoint), then delivers.
/// </summary>
[Process]
public partial class Ship
{
    [Input]
    public required Parcel Parcel { get; init; }

    [Input]
    public Stamp? Stamp { get; init; }

    [Output]
    public Address? DeliveredTo { get; private set; }

    [Output]
    public GeoPoint LastSeen { get; private set; }

    [Output]
    public Receipt? Receipt { get; private set; }

    [Output]
    public string Summary { get; private set; } = "";

    private Address? _next;
    private GeoPoint? _depot;
    private List<Address> _route = [];

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Plan).WaitForEvent("go").Step(Deliver);

    private void Plan()
    {
        _next = Parcel.To;
        _next?.Revise();
        _depot = new GeoPoint { Latitude = 48.85, Longitude = 2.35, Source = "depot" };
        _route = [new Address { Street = "Hub", Number = 1 }];
    }

    private void Deliver()
    {
        DeliveredTo = _next;
        LastSeen = _depot ?? default;
        Receipt = new Receipt("ann", new System.DateTimeOffset(2024, 5, 6, 7, 8, 9, System.TimeSpan.FromHours(2)));
        Summary = $"{Parcel.Code} via {_route[0].Label} to {_next?.Label} rev {_next?.Revision} stamp {Stamp?.Country}{Stamp?.Value}";
    }
}
