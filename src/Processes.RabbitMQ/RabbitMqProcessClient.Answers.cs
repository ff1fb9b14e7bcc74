using System;
using System.Collections.Generic;
using Processes.RabbitMQ.Messages;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>Reading answers: the outcome byte, then the pipe protocol's result payloads, read with the generated descriptors.</summary>
public sealed partial class RabbitMqProcessClient
{
    private delegate T PayloadReader<T>(ref ProcessReader reader);

    private static T ReadAnswer<T>(byte[] answer, PayloadReader<T> read)
    {
        if (Replies.Open(answer) != ReplyOutcome.Ok)
        {
            throw new RemoteProtocolException($"A worker answered {(ReplyOutcome)answer[0]} where a result was due.");
        }

        try
        {
            var reader = new ProcessReader(answer.AsSpan(1));
            var value = read(ref reader);
            reader.EnsureAtEnd();
            return value;
        }
        catch (ProcessSerializationException exception)
        {
            throw new RemoteProtocolException($"A worker's answer is malformed: {exception.Message}", exception);
        }
    }

    private static ProcessControlResult ReadControlResult(byte[] answer) =>
        ReadAnswer(answer, static (ref ProcessReader reader) => WireCodec.ReadControlResult(ref reader));

    private static int SumCounts(IReadOnlyCollection<byte[]> answers)
    {
        var total = 0;
        foreach (var answer in answers)
        {
            total += ReadAnswer(answer, static (ref ProcessReader reader) => reader.ReadInt32());
        }

        return total;
    }

    /// <summary>
    /// Reads an outputs answer (status, optional inputs section, outputs section, as over pipes)
    /// into <paramref name="sentInputs"/> or, when the answer brings the inputs, a new instance.
    /// </summary>
    private static TProcess ReadOutputs<TProcess>(byte[] answer, TProcess? sentInputs)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var descriptor = TProcess.Descriptor;
        return ReadAnswer(answer, (ref ProcessReader reader) =>
        {
            var status = WireCodec.ReadStatus(ref reader);
            if (status.Name != descriptor.Name)
            {
                throw new System.InvalidOperationException($"Process {status.Id} is a {status.Name}, not a {descriptor.Name}.");
            }

            TProcess process;
            if (reader.ReadBoolean())
            {
                var inputs = reader.ReadLengthPrefixed();
                process = descriptor.ReadInputs(ref inputs);
            }
            else
            {
                process = sentInputs ?? throw new ProcessSerializationException("The answer has no inputs section.", reader.Offset);
            }

            var outputs = reader.ReadLengthPrefixed();
            descriptor.ReadOutputs(process, ref outputs);
            return process;
        });
    }
}
