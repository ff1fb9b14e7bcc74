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
                return new OutlineModel(Fingerprint(listing), listing.ToEquatableArray(), Migrations(type).ToEquatableArray());
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
