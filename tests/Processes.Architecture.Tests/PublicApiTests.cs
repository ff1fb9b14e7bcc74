using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Processes.Architecture.Tests;

/// <summary>
/// The public surface of each shipped library, one sorted line per public or protected type and
/// member, compared exactly with <c>PublicApi/&lt;Assembly&gt;.txt</c>: every change to the surface
/// shows in review. Members hidden from IntelliSense (<c>[EditorBrowsable(Never)]</c>, on the
/// member or a containing type) are marked <c>[hidden]</c>. <c>PROCESSES_UPDATE_SNAPSHOTS=1</c>
/// rewrites the files.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Processes")]
    [InlineData("Processes.Sqlite")]
    [InlineData("Processes.Hosting")]
    [InlineData("Processes.PostgreSQL")]
    [InlineData("Processes.RabbitMQ")]
    public void The_public_API_matches_the_checked_in_list(string assemblyName)
    {
        var actual = string.Join("\n", PublicApi.Describe(assemblyName)) + "\n";
        var path = Path.Combine(Repository.TestProject, "PublicApi", assemblyName + ".txt");
        if (Repository.UpdateMode)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Missing {path}; run with PROCESSES_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = Repository.Normalize(File.ReadAllText(path));
        var removed = expected.Split('\n').Except(actual.Split('\n')).ToList();
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        Assert.True(
            expected == actual,
            $"The public API of {assemblyName} changed (run with PROCESSES_UPDATE_SNAPSHOTS=1 if intended).\n" +
            string.Concat(removed.Select(line => "- " + line + "\n")) + string.Concat(added.Select(line => "+ " + line + "\n")));
    }

    [Fact]
    public void Every_public_type_outside_the_generated_code_namespaces_is_visible_and_documented_user_API()
    {
        // Generated-code plumbing lives in a namespace that says so and is hidden there; everywhere
        // else a hidden public type is a sign of plumbing in a namespace users import.
        var hiddenElsewhere = PublicApi.Describe("Processes")
            .Where(line => line.StartsWith("[hidden] ", StringComparison.Ordinal) && IsTypeLine(line))
            .Where(line => !PublicApi.GeneratedCodeNamespaces.Any(ns => line.Contains(" " + ns + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(hiddenElsewhere.Count == 0, "Hidden public types outside the generated-code namespaces:\n" + string.Join("\n", hiddenElsewhere));

        var visibleInGenerated = PublicApi.Describe("Processes")
            .Where(line => !line.StartsWith("[hidden] ", StringComparison.Ordinal) && IsTypeLine(line))
            .Where(line => PublicApi.GeneratedCodeNamespaces.Any(ns => line.Contains(" " + ns + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(visibleInGenerated.Count == 0, "Public types in a generated-code namespace must be [EditorBrowsable(Never)]:\n" + string.Join("\n", visibleInGenerated));
    }

    private static bool IsTypeLine(string line) =>
        new[] { " class ", " struct ", " interface ", " enum ", " delegate ", " record " }.Any(kind => line.Contains(kind, StringComparison.Ordinal)) && !line.Contains('(', StringComparison.Ordinal) && !line.Contains("::", StringComparison.Ordinal);
}

/// <summary>Describes an assembly's public surface from its metadata, through a Roslyn compilation that references it.</summary>
internal static class PublicApi
{
    /// <summary>Namespaces that hold only code for the generator's output.</summary>
    public static readonly string[] GeneratedCodeNamespaces = ["Processes.Generated", "Processes.Serialization.Codecs"];

    private static readonly SymbolDisplayFormat TypeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints | SymbolDisplayGenericsOptions.IncludeVariance,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeNameFormat = TypeFormat.RemoveGenericsOptions(SymbolDisplayGenericsOptions.IncludeTypeConstraints);

    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeModifiers
            | SymbolDisplayMemberOptions.IncludeExplicitInterface | SymbolDisplayMemberOptions.IncludeConstantValue | SymbolDisplayMemberOptions.IncludeRef,
        kindOptions: SymbolDisplayKindOptions.IncludeMemberKeyword,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static readonly Dictionary<string, List<string>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Describe(string assemblyName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(assemblyName, out var lines))
            {
                Cache[assemblyName] = lines = Build(assemblyName);
            }

            return lines;
        }
    }

    private static List<string> Build(string assemblyName)
    {
        var path = Assembly.Load(assemblyName).Location;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(reference => !string.Equals(Path.GetFileNameWithoutExtension(reference), assemblyName, StringComparison.Ordinal));
        var target = MetadataReference.CreateFromFile(path);
        var compilation = CSharpCompilation.Create("PublicApiReader", references: platform.Select(reference => MetadataReference.CreateFromFile(reference)).Append(target));
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(target)!;

        var lines = new List<string>();
        foreach (var type in AllTypes(assembly.GlobalNamespace).Where(IsVisible))
        {
            var hidden = IsHidden(type);
            lines.Add((hidden ? "[hidden] " : string.Empty) + DescribeType(type));
            foreach (var member in type.GetMembers().Where(member => IsVisible(member) && IsListed(member)))
            {
                var memberHidden = hidden || IsHidden(member);
                lines.Add((memberHidden ? "[hidden] " : string.Empty) + type.ToDisplayString(TypeNameFormat) + "::" + Accessibility(member) + member.ToDisplayString(MemberFormat));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var nested in WithNested(type))
            {
                yield return nested;
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in AllTypes(child))
            {
                yield return type;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().SelectMany(WithNested))
        {
            yield return nested;
        }
    }

    private static bool IsVisible(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Protected or Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsListed(ISymbol member) =>
        member is not INamedTypeSymbol
        && !member.Name.StartsWith('<')
        && member is not IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise }
        && member is not IFieldSymbol { Name: "value__" };

    private static bool IsHidden(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.GetAttributes().Any(attribute =>
                attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.EditorBrowsableAttribute"
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int state && state == 1))
            {
                return true;
            }
        }

        return false;
    }

    private static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public ",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected ",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal ",
        _ => string.Empty,
    };

    private static string DescribeType(INamedTypeSymbol type)
    {
        var modifiers = type.TypeKind switch
        {
            TypeKind.Class when type.IsStatic => "static ",
            TypeKind.Class when type.IsAbstract => "abstract ",
            TypeKind.Class when type.IsSealed => "sealed ",
            TypeKind.Struct when type.IsReadOnly && type.IsRefLikeType => "readonly ref ",
            TypeKind.Struct when type.IsReadOnly => "readonly ",
            TypeKind.Struct when type.IsRefLikeType => "ref ",
            _ => string.Empty,
        };
        var kind = type.TypeKind switch
        {
            TypeKind.Class => type.IsRecord ? "record" : "class",
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.TypeKind.ToString().ToLowerInvariant(),
        };
        var bases = new List<string>();
        if (type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum or SpecialType.System_MulticastDelegate) } baseType)
        {
            bases.Add(baseType.ToDisplayString(TypeNameFormat));
        }

        bases.AddRange(type.Interfaces.Where(IsVisible).Select(item => item.ToDisplayString(TypeNameFormat)).OrderBy(name => name, StringComparer.Ordinal));
        var name = type.ToDisplayString(TypeNameFormat);
        var constraints = type.ToDisplayString(TypeFormat)[name.Length..];
        return Accessibility(type) + modifiers + kind + " " + name + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty) + constraints;
    }
}
