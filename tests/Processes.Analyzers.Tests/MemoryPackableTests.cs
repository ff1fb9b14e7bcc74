using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>
/// PRC0037: a [MemoryPackable] port or state type the SDK's codec cannot handle, reported where a
/// process uses it. MemoryPack's attributes are declared here under their real metadata names (the
/// rules find them by name).
/// </summary>
public sealed class MemoryPackableTests
{
    private const string Attributes = """

        namespace MemoryPack
        {
            public enum GenerateType { Object, VersionTolerant, CircularReference, Collection, NoGenerate }
            public enum SerializeLayout { Sequential, Explicit }
            public sealed class MemoryPackableAttribute : System.Attribute
            {
                public MemoryPackableAttribute(GenerateType generateType = GenerateType.Object) { }
                public MemoryPackableAttribute(SerializeLayout serializeLayout) { }
                public MemoryPackableAttribute(GenerateType generateType, SerializeLayout serializeLayout) { }
            }
            public sealed class MemoryPackIgnoreAttribute : System.Attribute { }
            public sealed class MemoryPackIncludeAttribute : System.Attribute { }
            public sealed class MemoryPackOrderAttribute : System.Attribute { public MemoryPackOrderAttribute(int order) { } }
            public sealed class MemoryPackUnionAttribute : System.Attribute { public MemoryPackUnionAttribute(ushort tag, System.Type type) { } }
            public sealed class MemoryPackOnSerializingAttribute : System.Attribute { }
            public abstract class MemoryPackCustomFormatterAttribute<T> : System.Attribute { }
            public sealed class Utf16StringFormatterAttribute : MemoryPackCustomFormatterAttribute<string> { }
        }
        """;

    private static string Using(string type) => $$"""
        using MemoryPack;
        using Processes;

        {{type}}

        [Process]
        public partial class Ship
        {
            [Input] public Customer? [|Customer|] { get; init; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """ + Attributes;

    private static ExpectedDiagnostic Expected(string reason, string path = "Ship.Customer") =>
        new("PRC0037", $"The [MemoryPackable] type 'Customer' used by '{path}' cannot be serialized by the SDK because it {reason}");

    [Fact]
    public Task Supported_types_with_ignore_include_and_order_are_accepted_as_ports_and_state() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Collections.Generic;
        using MemoryPack;
        using Processes;

        [MemoryPackable]
        public partial class Address
        {
            [MemoryPackInclude] private int _revision;
            public string Street { get; set; } = "";
            [MemoryPackIgnore] public System.IO.Stream? Log { get; set; }
            public string Label => Street;
            public GeoPoint? Location { get; set; }
            public int Revision => _revision;
        }

        [MemoryPackable]
        public partial struct GeoPoint { public double Latitude; public string? Source; }

        [MemoryPackable(SerializeLayout.Explicit)]
        public partial class Parcel
        {
            [MemoryPackOrder(1)] public double Weight { get; set; }
            [MemoryPackOrder(0)] public List<Address> Stops { get; set; } = new();
        }

        [Process]
        public partial class Ship
        {
            [Input] public required Parcel Parcel { get; init; }
            [Output] public Address? To { get; private set; }
            private Dictionary<string, Address> _known = new();
            private GeoPoint? _depot;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """ + Attributes);

    [Fact]
    public Task An_unsupported_MemoryPackable_type_no_process_uses_is_not_reported() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using MemoryPack;

        [MemoryPackable(GenerateType.VersionTolerant)]
        public partial class Customer { [MemoryPackOrder(0)] public object? Name { get; set; } }
        """ + Attributes);

    [Fact]
    public Task PRC0037_another_generate_type() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable(GenerateType.VersionTolerant)] public partial class Customer { [MemoryPackOrder(0)] public string Name { get; set; } = \"\"; }"),
        Expected("uses GenerateType.VersionTolerant; only GenerateType.Object (the default) is supported"));

    [Fact]
    public Task PRC0037_a_union() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] [MemoryPackUnion(0, typeof(Vip))] public partial interface Customer { } [MemoryPackable] public partial class Vip : Customer { }"),
        Expected("is a MemoryPack union; use a concrete [MemoryPackable] type"));

    [Fact]
    public Task PRC0037_a_custom_formatter() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] public partial class Customer { [Utf16StringFormatter] public string Name { get; set; } = \"\"; }"),
        Expected("has a custom formatter on 'Name', which the SDK's codec does not run"));

    [Fact]
    public Task PRC0037_a_serialization_callback() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] public partial class Customer { public string Name { get; set; } = \"\"; [MemoryPackOnSerializing] void Before() { } }"),
        Expected("has the serialization callback 'Before', which the SDK's codec does not call"));

    [Fact]
    public Task PRC0037_an_unmanaged_struct() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] public partial struct Customer { public int Id; }"),
        Expected("is an unmanaged struct, which MemoryPack copies as raw memory; add a string member, or use [ProcessData]"));

    [Fact]
    public Task PRC0037_names_a_member_of_an_unsupported_type_even_a_private_included_one() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] public partial class Customer { public string Name { get; set; } = \"\"; [MemoryPackInclude] private object? _tag; }"),
        Expected("has the member '_tag' of type 'object', which the SDK cannot serialize", "Ship.Customer._tag"));

    [Fact]
    public Task PRC0037_the_innermost_MemoryPackable_type_is_named() => AnalyzerVerifier.VerifyAsync(
        Using("[MemoryPackable] public partial class Customer { public string Name { get; set; } = \"\"; } [MemoryPackable] public partial class Holder { public Customer? C { get; set; } }")
            .Replace("public Customer? [|Customer|]", "public Holder? [|Customer|]")
            .Replace("public partial class Customer { public string", "public partial class Customer { public System.IO.Stream? S { get; set; } public string"),
        Expected("has the member 'S' of type 'System.IO.Stream', which the SDK cannot serialize", "Ship.Customer.C.S"));

    [Fact]
    public Task A_ProcessData_type_that_is_also_MemoryPackable_follows_MemoryPacks_rules_so_its_get_only_property_is_saved() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using MemoryPack;
        using Processes;

        [ProcessData]
        [MemoryPackable]
        public partial class Customer
        {
            public Customer(string id) => Id = id;
            public string Id { get; }
        }
        """ + Attributes);
}
