namespace Processes.Generators.Models;

/// <summary>What the generator knows of a process's outline: its fingerprint, declared migrations and, for a plain chain of steps, the steps it shares.</summary>
/// <param name="Fingerprint">The fingerprint, 16 lowercase hex digits (see <see cref="ProcessGenerator.Parser.Outline"/>).</param>
/// <param name="Listing">The lines the fingerprint hashes: the compiled instructions, one a line.</param>
/// <param name="Migrations">The <c>[OutlineMigration]</c> methods, in declaration order.</param>
/// <param name="SharedSteps">The steps of an outline that is a plain chain of <c>Step(Method)</c> calls, in order; empty for any other outline (built per run).</param>
internal sealed record OutlineModel(string Fingerprint, EquatableArray<string> Listing, EquatableArray<MigrationModel> Migrations, EquatableArray<SharedStepModel> SharedSteps);

/// <summary>A step of a shared outline: <c>Step(MethodName)</c>, called on the instance.</summary>
/// <param name="Name">The step's name, as the compiler passes it to <c>OutlineBuilder.Step</c> (the argument as written).</param>
/// <param name="MethodName">The method's identifier as written (with its <c>@</c>, if any).</param>
/// <param name="TakesContext">True when the method takes the <c>StepContext</c>.</param>
/// <param name="ReturnsValueTask">True when it returns <c>ValueTask</c>; false for <c>void</c>.</param>
internal sealed record SharedStepModel(string Name, string MethodName, bool TakesContext, bool ReturnsValueTask);

/// <summary>A method marked <c>[OutlineMigration(fromFingerprint)]</c>.</summary>
/// <param name="FromFingerprint">The fingerprint of the outline it migrates from.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="IsStatic">True for a static method, called on the type; false for one called on the process.</param>
internal sealed record MigrationModel(string FromFingerprint, string MethodName, bool IsStatic);
