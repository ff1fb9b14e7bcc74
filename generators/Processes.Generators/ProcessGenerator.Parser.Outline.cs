using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The outline fingerprint rule, in one place. The fingerprint is the FNV-1a 64-bit hash
        /// (16 lowercase hex digits) of the outline's <em>listing</em>: the instructions that
        /// <c>OutlineBuilder</c> compiles <c>DefineOutline</c> to, one a line, with the same
        /// indices and jump targets (<c>0: step Setup</c>, <c>1: unless NotDone goto 4</c>,
        /// <c>3: goto 1</c>, <c>5: return 1, "failed"</c>). Each step, condition and return is
        /// written as its tokens with all trivia dropped, so whitespace, comments and the bodies
        /// of step methods do not change it; adding, removing, renaming or reordering a step or
        /// changing a condition or the nesting does. An outline that is not a plain chain of
        /// builder calls (helper methods, C# <c>if</c>s, locals) is hashed as the tokens of the
        /// whole method body instead: still blind to trivia, but changed by any other edit there.
        /// Changing this rule changes every fingerprint, so every unfinished checkpoint in every
        /// store would be refused: don't.
        /// </summary>
        internal static class Outline
        {
            internal const string MigrationAttribute = "Processes.OutlineMigrationAttribute";
            private const string DefineOutline = "DefineOutline";

            public static OutlineModel? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
            {
                var method = type.GetMembers(DefineOutline)
                    .OfType<IMethodSymbol>()
                    .Where(candidate => !candidate.IsStatic && candidate.Parameters.Length == 1)
                    // A partial outline: the part with the body (the declaring part has none).
                    .Select(candidate => candidate.PartialImplementationPart ?? candidate)
                    .SelectMany(candidate => candidate.DeclaringSyntaxReferences)
                    .Select(reference => reference.GetSyntax(cancellationToken))
                    .OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(syntax => syntax.Body is not null || syntax.ExpressionBody is not null);
                if (method is null)
                {
                    return null;
                }

                var listing = Listing(method);
                return new OutlineModel(Fingerprint(listing), listing.ToEquatableArray(), Migrations(type).ToEquatableArray(), SharedSteps(type, method).ToEquatableArray());
            }

            /// <summary>
            /// The steps of an outline the runtime can build once per type: a chain of
            /// <c>Step(Method)</c> calls on the builder and nothing else (no condition, loop, wait,
            /// return, map or explicit name), each naming one instance method of the class itself,
            /// not overloaded nor hidden in a base class, returning <c>void</c> or <c>ValueTask</c>
            /// and taking nothing or the <c>StepContext</c>. Empty for any other outline: it is built
            /// per run, as written. The instructions are the same either way, so the listing and the
            /// fingerprint do not depend on this.
            /// </summary>
            private static IReadOnlyList<SharedStepModel> SharedSteps(INamedTypeSymbol type, MethodDeclarationSyntax method)
            {
                var builder = method.ParameterList.Parameters[0].Identifier.ValueText;
                var steps = new List<IdentifierNameSyntax>();
                var chained = method.ExpressionBody is { } arrow
                    ? TryCollectSteps(arrow.Expression, builder, steps)
                    : method.Body is { } block && block.Statements.All(statement => statement is ExpressionStatementSyntax expression && TryCollectSteps(expression.Expression, builder, steps));
                var shared = new List<SharedStepModel>();
                if (!chained)
                {
                    return shared;
                }

                foreach (var step in steps)
                {
                    if (SharedStep(type, step) is not { } model)
                    {
                        return new List<SharedStepModel>();
                    }

                    shared.Add(model);
                }

                return shared;
            }

            /// <summary>Collects the argument of each <c>.Step(Method)</c> of <c>builder.Step(A).Step(B)...</c>, in call order; false for anything else.</summary>
            private static bool TryCollectSteps(ExpressionSyntax expression, string builder, List<IdentifierNameSyntax> steps)
            {
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                if (expression is IdentifierNameSyntax identifier)
                {
                    return identifier.Identifier.ValueText == builder;
                }

                if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "Step" } } access } invocation
                    || !access.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression)
                    || invocation.ArgumentList.Arguments.Count != 1
                    || invocation.ArgumentList.Arguments[0] is not { NameColon: null, Expression: IdentifierNameSyntax step } argument
                    || !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
                    || !TryCollectSteps(access.Expression, builder, steps))
                {
                    return false;
                }

                steps.Add(step);
                return true;
            }

            /// <summary>The shared step for <c>Step(<paramref name="step"/>)</c>, or null when the name is not one plain step method of <paramref name="type"/>.</summary>
            private static SharedStepModel? SharedStep(INamedTypeSymbol type, IdentifierNameSyntax step)
            {
                var name = step.Identifier.ValueText;
                var members = type.GetMembers(name);
                if (members.Length != 1
                    || members[0] is not IMethodSymbol { IsStatic: false, IsGenericMethod: false, MethodKind: MethodKind.Ordinary, ReturnsByRef: false, ReturnsByRefReadonly: false } target
                    || !(target.ReturnsVoid || target.ReturnType.ToDisplayString() == "System.Threading.Tasks.ValueTask"))
                {
                    return null;
                }

                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (!baseType.GetMembers(name).IsEmpty)
                    {
                        return null;
                    }
                }

                var takesContext = target.Parameters.Length == 1
                    && target.Parameters[0] is { RefKind: RefKind.None, IsParams: false } parameter
                    && parameter.Type.ToDisplayString() == "Processes.StepContext";
                if (target.Parameters.Length != 0 && !takesContext)
                {
                    return null;
                }

                // The name OutlineBuilder.Step gets from [CallerArgumentExpression]: the argument as written.
                return new SharedStepModel(step.ToString(), step.Identifier.Text, takesContext, !target.ReturnsVoid);
            }

            /// <summary>The lines the fingerprint hashes.</summary>
            public static IReadOnlyList<string> Listing(MethodDeclarationSyntax method)
            {
                var program = new List<Instruction>();
                var builder = method.ParameterList.Parameters[0].Identifier.ValueText;
                var parsed = method.ExpressionBody is { } arrow
                    ? TryAppendChain(arrow.Expression, builder, program)
                    : method.Body is { } block && TryAppendStatements(block, builder, program);
                if (!parsed)
                {
                    SyntaxNode body = (SyntaxNode?)method.ExpressionBody ?? method.Body!;
                    return new[] { "tokens: " + Tokens(body) };
                }

                return program.Select((instruction, index) => instruction.Render(index)).ToList();
            }

            /// <summary>FNV-1a 64 of the listing's lines joined with '\n', as UTF-8.</summary>
            public static string Fingerprint(IReadOnlyList<string> listing)
            {
                const ulong offsetBasis = 14695981039346656037;
                const ulong prime = 1099511628211;
                var hash = offsetBasis;
                foreach (var value in Encoding.UTF8.GetBytes(string.Join("\n", listing)))
                {
                    hash = unchecked((hash ^ value) * prime);
                }

                return hash.ToString("x16", CultureInfo.InvariantCulture);
            }

            private static IEnumerable<MigrationModel> Migrations(INamedTypeSymbol type)
            {
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    foreach (var attribute in method.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == MigrationAttribute
                            && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Value is string { Length: > 0 } from)
                        {
                            yield return new MigrationModel(from, method.Name, method.IsStatic);
                        }
                    }
                }
            }

            private static bool TryAppendStatements(BlockSyntax block, string builder, List<Instruction> program) =>
                block.Statements.All(statement => statement is ExpressionStatementSyntax expression && TryAppendChain(expression.Expression, builder, program));

            /// <summary>Appends the instructions of <c>builder.A(..).B(..)...</c>, in call order, exactly as <c>OutlineBuilder</c> lays them out.</summary>
            private static bool TryAppendChain(ExpressionSyntax expression, string builder, List<Instruction> program)
            {
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                if (expression is IdentifierNameSyntax identifier)
                {
                    return identifier.Identifier.ValueText == builder;
                }

                // Generic names only for WaitForState<TState>: any other explicitly generic call keeps
                // hashing the whole body, as it always has (changing that would change fingerprints).
                if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: SimpleNameSyntax name } access } invocation
                    || (name is GenericNameSyntax && name.Identifier.ValueText != "WaitForState")
                    || name is not (IdentifierNameSyntax or GenericNameSyntax)
                    || !TryAppendChain(access.Expression, builder, program))
                {
                    return false;
                }

                var arguments = invocation.ArgumentList.Arguments;
                switch (name.Identifier.ValueText)
                {
                    case "Step" when arguments.Count > 0:
                        program.Add(new Instruction("step", Arguments(arguments)));
                        return true;
                    case "Return":
                        program.Add(new Instruction("return", Arguments(arguments)));
                        return true;
                    case "Map" or "MapAll" when arguments.Count > 0:
                        // Two steps, as OutlineBuilder lays them out: launch the children, then collect them.
                        program.Add(new Instruction("map", name.Identifier.ValueText + " " + Arguments(arguments)));
                        program.Add(new Instruction("collect", name.Identifier.ValueText + " " + Arguments(arguments)));
                        return true;
                    case "WaitForState" when arguments.Count > 0 && name is GenericNameSyntax generic:
                        // One instruction, with the state class: a wait for another class is another outline.
                        program.Add(new Instruction("wait", "WaitForState " + Tokens(generic.TypeArgumentList) + " " + Arguments(arguments)));
                        return true;
                    case "WaitFor" or "WaitUntil" or "WaitForEvent" or "WaitForAnyEvent" when arguments.Count > 0:
                        // One instruction each, as OutlineBuilder lays them out (a wait is a step of its own).
                        program.Add(new Instruction("wait", name.Identifier.ValueText + " " + Arguments(arguments)));
                        return true;
                    case "While" when arguments.Count == 2 && Positional(arguments):
                        var start = program.Count;
                        var exit = Append(program, new Instruction("unless", Tokens(arguments[0])));
                        if (!TryAppendBody(arguments[1].Expression, program))
                        {
                            return false;
                        }

                        Append(program, new Instruction("goto", null) { Target = start });
                        program[exit].Target = program.Count;
                        return true;
                    case "If" when arguments.Count is 2 or 3 && Positional(arguments):
                        var branch = Append(program, new Instruction("unless", Tokens(arguments[0])));
                        if (!TryAppendBody(arguments[1].Expression, program))
                        {
                            return false;
                        }

                        if (arguments.Count == 2)
                        {
                            program[branch].Target = program.Count;
                            return true;
                        }

                        var skipOtherwise = Append(program, new Instruction("goto", null));
                        program[branch].Target = program.Count;
                        if (!TryAppendBody(arguments[2].Expression, program))
                        {
                            return false;
                        }

                        program[skipOtherwise].Target = program.Count;
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>A nested outline: <c>loop =&gt; loop.Step(..)</c> or a block of such statements.</summary>
            private static bool TryAppendBody(ExpressionSyntax expression, List<Instruction> program)
            {
                if (expression is not LambdaExpressionSyntax lambda)
                {
                    return false;
                }

                var parameter = lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => simple.Parameter,
                    ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                    _ => null,
                };

                return (parameter, lambda.Block, lambda.ExpressionBody) switch
                {
                    ({ } nested, { } block, _) => TryAppendStatements(block, nested.Identifier.ValueText, program),
                    ({ } nested, _, { } chain) => TryAppendChain(chain, nested.Identifier.ValueText, program),
                    _ => false,
                };
            }

            private static bool Positional(SeparatedSyntaxList<ArgumentSyntax> arguments) => arguments.All(argument => argument.NameColon is null);

            private static int Append(List<Instruction> program, Instruction instruction)
            {
                program.Add(instruction);
                return program.Count - 1;
            }

            private static string Arguments(SeparatedSyntaxList<ArgumentSyntax> arguments) => string.Join(", ", arguments.Select(Tokens));

            /// <summary>The node's tokens separated by single spaces: no whitespace, comments or other trivia.</summary>
            private static string Tokens(SyntaxNode node) =>
                string.Join(" ", node.DescendantTokens().Select(token => token.Text.Replace("\r", " ").Replace("\n", " ")));

            /// <summary>One compiled instruction: its kind, what it names and where it jumps.</summary>
            private sealed class Instruction
            {
                public Instruction(string kind, string? text)
                {
                    Kind = kind;
                    Text = text;
                }

                public string Kind { get; }

                public string? Text { get; }

                public int Target { get; set; } = -1;

                public string Render(int index)
                {
                    var line = new StringBuilder().Append(index.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Kind);
                    if (!string.IsNullOrEmpty(Text))
                    {
                        line.Append(' ').Append(Text);
                    }

                    if (Target >= 0)
                    {
                        line.Append(Kind == "goto" ? " " : " goto ").Append(Target.ToString(CultureInfo.InvariantCulture));
                    }

                    return line.ToString();
                }
            }
        }
    }
}
