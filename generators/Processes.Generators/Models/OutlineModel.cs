namespace Processes.Generators.Models;

/// <summary>What the generator knows of a process's outline: its fingerprint and declared migrations.</summary>
/// <param name="Fingerprint">The fingerprint, 16 lowercase hex digits (see <see cref="ProcessGenerator.Parser.Outline"/>).</param>
/// <param name="Listing">The lines the fingerprint hashes: the compiled instructions, one a line.</param>
/// <param name="Migrations">The <c>[OutlineMigration]</c> methods, in declaration order.</param>
internal sealed record OutlineModel(string Fingerprint, EquatableArray<string> Listing, EquatableArray<MigrationModel> Migrations);

/// <summary>A method marked <c>[OutlineMigration(fromFingerprint)]</c>.</summary>
/// <param name="FromFingerprint">The fingerprint of the outline it migrates from.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="IsStatic">True for a static method, called on the type; false for one called on the process.</param>
internal sealed record MigrationModel(string FromFingerprint, string MethodName, bool IsStatic);
