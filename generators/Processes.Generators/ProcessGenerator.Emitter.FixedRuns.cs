using System.Collections.Generic;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string RunWriterType = "global::Processes.Serialization.Codecs.FixedSizeRunWriter";
        private const string RunReaderType = "global::Processes.Serialization.Codecs.FixedSizeRunReader";

        /// <summary>
        /// True when the value always takes <see cref="ValueShape.Size"/> bytes and a run writes and
        /// reads it: numbers, bool, char, enums, <c>DateTime</c>, <c>TimeSpan</c>, <c>Guid</c>,
        /// <c>ProcessId</c>. Not <c>decimal</c> (validated through <c>decimal.GetBits</c>), not
        /// <c>DateTimeOffset</c> (its size depends on the checkpoint format being read).
        /// </summary>
        private static bool IsFixedSize(ValueShape shape) => shape.Kind switch
        {
            ShapeKind.Primitive => shape.Alignment > 0 && shape.Primitive != "Decimal",
            ShapeKind.Enum or ShapeKind.ProcessId => true,
            _ => false,
        };

        /// <summary>
        /// The members of a data type split into runs: each run is either one member that is not
        /// fixed-size, or the longest stretch of consecutive fixed-size members.
        /// </summary>
        private static List<(int Start, int End)> Runs(EquatableArray<MemberModel> members)
        {
            var runs = new List<(int Start, int End)>();
            var i = 0;
            while (i < members.Count)
            {
                var end = i + 1;
                if (IsFixedSize(members[i].Shape))
                {
                    while (end < members.Count && IsFixedSize(members[end].Shape))
                    {
                        end++;
                    }
                }

                runs.Add((i, end));
                i = end;
            }

            return runs;
        }

        /// <summary>
        /// Emits the object header and the members of a generated <c>Write</c>: each run of
        /// fixed-size members (with the header when the run starts the object) reserves its bytes
        /// once and writes each member at a constant offset, as MemoryPack does; the bytes are those
        /// of one writer call per member.
        /// </summary>
        private static void EmitWriteMembers(IndentedWriter code, EquatableArray<MemberModel> members)
        {
            var count = members.Count;
            var headerPending = true;
            foreach (var (start, end) in Runs(members))
            {
                // A header byte holds fewer than MaximumMembers (WriteObjectHeader throws otherwise, so a
                // larger count keeps that call and its error).
                var withHeader = headerPending && start == 0 && count < MemoryPackRules.MaximumMembers;
                var isRun = IsFixedSize(members[start].Shape) && (end - start > 1 || withHeader);
                if (!isRun)
                {
                    if (headerPending)
                    {
                        code.Line($"writer.WriteObjectHeader({Int(count)});");
                        headerPending = false;
                    }

                    for (var i = start; i < end; i++)
                    {
                        code.Line(WriteStatement(members[i].Shape, "value." + members[i].Name));
                    }

                    continue;
                }

                var offset = withHeader ? 1 : 0;
                var size = offset;
                for (var i = start; i < end; i++)
                {
                    size += members[i].Shape.Size;
                }

                code.Open();
                code.Line($"var run = {RunWriterType}.Reserve(writer, {Int(size)});");
                if (withHeader)
                {
                    code.Line($"run.WriteByte(0, {Int(count)}); // the object header: the member count");
                }

                for (var i = start; i < end; i++)
                {
                    code.Line(RunWriteStatement(members[i].Shape, offset, "value." + members[i].Name));
                    offset += members[i].Shape.Size;
                }

                code.Close();
                headerPending = false;
            }

            if (headerPending)
            {
                code.Line($"writer.WriteObjectHeader({Int(count)});");
            }
        }

        /// <summary>
        /// Emits the member reads of a generated reading constructor. A run of two or more
        /// fixed-size members, when the data holds all of them, is read after one length check;
        /// data from an older version with fewer members is read member by member.
        /// </summary>
        private static void EmitReadMembers(IndentedWriter code, EquatableArray<MemberModel> members)
        {
            foreach (var (start, end) in Runs(members))
            {
                if (!IsFixedSize(members[start].Shape) || end - start < 2)
                {
                    for (var i = start; i < end; i++)
                    {
                        code.Line(ReadMemberStatement(members[i], i));
                    }

                    continue;
                }

                var size = 0;
                for (var i = start; i < end; i++)
                {
                    size += members[i].Shape.Size;
                }

                code.Open($"if (memberCount >= {Int(end)})");
                code.Line($"var run = {RunReaderType}.Take(ref reader, {Int(size)});");
                var offset = 0;
                for (var i = start; i < end; i++)
                {
                    var member = members[i];
                    var read = RunReadExpression(member.Shape, offset);
                    code.Line(member.IsDroppedOnRead ? $"_ = {read};" : $"this.{member.Name} = {read};");
                    offset += member.Shape.Size;
                }

                code.Close();
                code.Open("else");
                for (var i = start; i < end; i++)
                {
                    code.Line(ReadMemberStatement(members[i], i));
                }

                code.Close();
            }
        }

        /// <summary>The read of one member, when the data holds it (its index is below the recorded member count).</summary>
        private static string ReadMemberStatement(MemberModel member, int index) => member.IsFilledInPlace
            ? $"if (memberCount > {Int(index)}) {FillInPlaceStatement(member.Shape, "reader", "this." + member.Name)}"
            : member.IsDroppedOnRead
                ? $"if (memberCount > {Int(index)}) _ = {ReadExpression(member.Shape, "reader")};"
                : $"if (memberCount > {Int(index)}) this.{member.Name} = {ReadExpression(member.Shape, "reader")};";

        /// <summary>A statement writing a fixed-size value at <paramref name="offset"/> of the run named <c>run</c>.</summary>
        private static string RunWriteStatement(ValueShape shape, int offset, string expression) => shape.Kind switch
        {
            ShapeKind.Enum => $"run.Write{shape.Primitive}({Int(offset)}, ({shape.UnderlyingTypeName}){expression});",
            ShapeKind.ProcessId => $"run.WriteGuid({Int(offset)}, {expression}.Value);",
            _ => $"run.Write{shape.Primitive}({Int(offset)}, {expression});",
        };

        /// <summary>An expression reading a fixed-size value at <paramref name="offset"/> of the run named <c>run</c>.</summary>
        private static string RunReadExpression(ValueShape shape, int offset) => shape.Kind switch
        {
            ShapeKind.Enum => $"({shape.TypeName})run.Read{shape.Primitive}({Int(offset)})",
            ShapeKind.ProcessId => $"new global::Processes.ProcessId(run.ReadGuid({Int(offset)}))",
            _ => $"run.Read{shape.Primitive}({Int(offset)})",
        };
    }
}
