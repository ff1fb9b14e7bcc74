using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// [MemoryPackable] types (MemoryPack's attribute, found by metadata name): the generator writes the
/// SDK's own codec from MemoryPack's member rules, with no reflection and no MemoryPack assembly.
/// </summary>
public sealed class MemoryPackableGeneratorTests
{
    [Fact]
    public void The_codec_of_each_MemoryPackable_type_matches_its_snapshot()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.MemoryPackable", DocumentationMode.Parse, MemoryPackSources.Attributes, MemoryPackSources.Shipping));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("MemoryPackable", result);
    }

    /// <summary>
    /// The Native AOT guarantee: the generated code compiles against the SDK alone (MemoryPack's
    /// attributes are source stubs here, so nothing of MemoryPack.Core is there to call) and uses
    /// no reflection.
    /// </summary>
    [Fact]
    public void The_generated_codec_uses_no_reflection_and_nothing_of_MemoryPack()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("MemoryPackAot", DocumentationMode.Parse, MemoryPackSources.Attributes, MemoryPackSources.Shipping));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        var generated = result.Results.SelectMany(run => run.GeneratedSources).ToList();
        Assert.Contains(generated, source => source.HintName == "Shipping.Address.ProcessData.g.cs");
        foreach (var source in generated)
        {
            var text = source.SourceText.ToString();
            foreach (var forbidden in new[] { "System.Reflection", "typeof(", "GetType(", "Activator", "MakeGenericType", "MemoryPack" })
            {
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{source.HintName} contains '{forbidden}'");
            }
        }
    }

    [Fact]
    public void Members_follow_MemoryPacks_rules_and_round_trip()
    {
        var assembly = GeneratorHarness.CompileAndLoad("MemoryPackRoundTrip", MemoryPackSources.Attributes, MemoryPackSources.Shipping);
        var addressType = assembly.GetType("Shipping.Address")!;
        var address = Activator.CreateInstance(addressType)!;
        Loaded.Set(address, "Street", "Main");
        Loaded.Set(address, "Number", 7);
        Loaded.Set(address, "Note", "dropped");
        addressType.GetMethod("Revise")!.Invoke(address, null);

        var bytes = Loaded.WriteData(address);
        // Header: 6 members (_revision, Street, Number, Label, Location, Revision; Note is ignored).
        Assert.Equal(6, bytes[0]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 1));

        var read = Loaded.ReadData(addressType, bytes)!;
        Assert.Equal("Main", Loaded.Get<string>(read, "Street"));
        Assert.Equal(7, Loaded.Get<int>(read, "Number"));
        Assert.Null(Loaded.Get<string?>(read, "Note"));
        Assert.Equal(1, Loaded.Get<int>(read, "Revision"));
        Assert.Equal("Main 7", Loaded.Get<string>(read, "Label"));

        // Explicit layout: Code (order 0) before Weight (order 1).
        var parcelType = assembly.GetType("Shipping.Parcel")!;
        var parcel = Activator.CreateInstance(parcelType)!;
        Loaded.Set(parcel, "Weight", 2.5);
        var parcelBytes = Loaded.WriteData(parcel);
        Assert.Equal(2, parcelBytes[0]);
        Assert.Equal(2.5, BitConverter.ToDouble(parcelBytes, parcelBytes.Length - 8));
        Assert.Equal(2.5, Loaded.Get<double>(Loaded.ReadData(parcelType, parcelBytes)!, "Weight"));

        // A get-only property, set by the codec's constructor.
        var stampType = assembly.GetType("Shipping.Stamp")!;
        var stamp = Activator.CreateInstance(stampType, "BE")!;
        Assert.Equal("BE", Loaded.Get<string>(Loaded.ReadData(stampType, Loaded.WriteData(stamp))!, "Country"));
    }

    [Theory]
    [InlineData("[MemoryPackable(GenerateType.VersionTolerant)]", "public partial class Customer { public string Name { get; set; } = \"\"; }")]
    [InlineData("[MemoryPackable]", "public partial class Customer { public object? Name { get; set; } }")]
    [InlineData("[MemoryPackable]", "public partial struct Customer { public int Name; }")]
    public void A_type_the_codec_cannot_handle_gets_no_codec(string attribute, string declaration)
    {
        var source = $$"""
            using MemoryPack;
            namespace Shop;
            {{attribute}}
            {{declaration}}
            """;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("MemoryPackSkipped", DocumentationMode.Parse, MemoryPackSources.Attributes, source));
        Assert.DoesNotContain(result.Results.SelectMany(run => run.GeneratedSources), generated => generated.HintName.StartsWith("Shop.Customer", StringComparison.Ordinal));
    }
}
