using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>Reads a member's XML documentation summary as plain text.</summary>
        internal static class Docs
        {
            private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

            public static string? Summary(ISymbol symbol, CancellationToken cancellationToken)
            {
                var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
                if (string.IsNullOrWhiteSpace(xml))
                {
                    // With DocumentationMode.None the compiler keeps no doc comments: read the /// trivia.
                    xml = FromTrivia(symbol, cancellationToken);
                }

                return string.IsNullOrWhiteSpace(xml) ? null : ExtractSummary(xml!);
            }

            private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
            {
                var text = new StringBuilder();
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    var node = reference.GetSyntax(cancellationToken);
                    foreach (var trivia in node.GetLeadingTrivia())
                    {
                        if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                        {
                            foreach (var line in trivia.ToFullString().Split('\n'))
                            {
                                text.AppendLine(StripCommentPrefix(line));
                            }
                        }
                        else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", System.StringComparison.Ordinal))
                        {
                            text.AppendLine(StripCommentPrefix(trivia.ToString()));
                        }
                    }

                    if (text.Length > 0)
                    {
                        break;
                    }
                }

                return text.Length == 0 ? null : "<doc>" + text + "</doc>";
            }

            private static string StripCommentPrefix(string line)
            {
                var trimmed = line.Trim();
                return trimmed.StartsWith("///", System.StringComparison.Ordinal) ? trimmed.Substring(3) : trimmed;
            }

            private static string? ExtractSummary(string xml)
            {
                try
                {
                    var root = XElement.Parse(xml, LoadOptions.None);
                    var summary = root.Name.LocalName == "summary" ? root : root.Descendants("summary").FirstOrDefault();
                    if (summary is null)
                    {
                        return null;
                    }

                    var text = new StringBuilder();
                    AppendText(summary, text);
                    var collapsed = Whitespace.Replace(text.ToString(), " ").Trim();
                    return collapsed.Length == 0 ? null : collapsed;
                }
                catch (System.Xml.XmlException)
                {
                    return null;
                }
            }

            private static void AppendText(XElement element, StringBuilder text)
            {
                foreach (var node in element.Nodes())
                {
                    switch (node)
                    {
                        case XText content:
                            text.Append(content.Value);
                            break;
                        case XElement child when child.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                            var reference = (string?)child.Attribute("langword") ?? (string?)child.Attribute("name") ?? (string?)child.Attribute("cref") ?? string.Empty;
                            if (child.Nodes().Any())
                            {
                                AppendText(child, text);
                            }
                            else
                            {
                                text.Append(ShortReference(reference));
                            }

                            break;
                        case XElement child:
                            AppendText(child, text);
                            break;
                    }
                }
            }

            private static string ShortReference(string reference)
            {
                if (reference.Length > 2 && reference[1] == ':')
                {
                    reference = reference.Substring(2);
                }

                var parenthesis = reference.IndexOf('(');
                if (parenthesis >= 0)
                {
                    reference = reference.Substring(0, parenthesis);
                }

                var dot = reference.LastIndexOf('.');
                return dot >= 0 ? reference.Substring(dot + 1) : reference;
            }
        }
    }
}
