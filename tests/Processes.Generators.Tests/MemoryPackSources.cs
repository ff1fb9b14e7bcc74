namespace Processes.Generators.Tests;

/// <summary>
/// Sources for the [MemoryPackable] tests. <see cref="Attributes"/> declares MemoryPack's attributes
/// under their real metadata names, so these compilations have no MemoryPack assembly at all: the
/// generated codec must need none of it.
/// </summary>
internal static class MemoryPackSources
{
    public const string Attributes = """
        namespace MemoryPack
        {
            public enum GenerateType { Object, VersionTolerant, CircularReference, Collection, NoGenerate }
            public enum SerializeLayout { Sequential, Explicit }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface)]
            public sealed class MemoryPackableAttribute : System.Attribute
            {
                public MemoryPackableAttribute(GenerateType generateType = GenerateType.Object) { }
                public MemoryPackableAttribute(SerializeLayout serializeLayout) { }
                public MemoryPackableAttribute(GenerateType generateType, SerializeLayout serializeLayout) { }
            }

            public sealed class MemoryPackIgnoreAttribute : System.Attribute { }
            public sealed class MemoryPackIncludeAttribute : System.Attribute { }
            public sealed class MemoryPackOrderAttribute : System.Attribute { public MemoryPackOrderAttribute(int order) { } }
        }
        """;

    public const string Shipping = """
        using System.Collections.Generic;
        using MemoryPack;
        using Processes;

        namespace Shipping;

        [MemoryPackable]
        public partial class Address
        {
            [MemoryPackInclude] private int _revision;
            public string Street { get; set; } = "";
            public int Number { get; init; }
            [MemoryPackIgnore] public string? Note { get; set; }
            public string Label => Street + " " + Number;
            public GeoPoint? Location { get; set; }
            public int Revision => _revision;
            public void Revise() => _revision++;
        }

        [MemoryPackable]
        public partial struct GeoPoint
        {
            public double Latitude;
            public string? Source { get; set; }
        }

        [MemoryPackable(SerializeLayout.Explicit)]
        public partial class Parcel
        {
            [MemoryPackOrder(1)] public double Weight { get; set; }
            [MemoryPackOrder(0)] public string Code { get; set; } = "";
        }

        [MemoryPackable]
        public partial class Stamp
        {
            public Stamp(string country) => Country = country;
            public string Country { get; }
        }

        [Process]
        public partial class Ship
        {
            [Input] public required Parcel Parcel { get; init; }
            [Input] public Address? To { get; init; }
            [Output] public Stamp? Stamp { get; private set; }
            private List<Address> _route = new();
            private GeoPoint? _depot;
            private void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            private void Go()
            {
                _route.Add(To ?? new Address());
                _depot = new GeoPoint { Latitude = 1 };
                Stamp = new Stamp("BE");
            }
        }
        """;
}
