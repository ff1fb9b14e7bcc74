using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Generators.Tests;

/// <summary>Typed access (through reflection, tests only) to generated code in an assembly compiled by a test.</summary>
internal sealed class Loaded
{
    private readonly Assembly _assembly;

    public Loaded(Assembly assembly) => _assembly = assembly;

    public Type Type(string name) => _assembly.GetType(name, throwOnError: true)!;

    public ProcessDescriptor Descriptor(string typeName)
    {
        var type = Type(typeName);
        return (ProcessDescriptor)Call(nameof(DescriptorOf), type);
    }

    public object Create(string typeName, IReadOnlyDictionary<string, object?> inputs) => Descriptor(typeName).CreateFromInputs(inputs);

    public static IReadOnlyList<PortError> ValidateInputs(ProcessDescriptor descriptor, object process) => (IReadOnlyList<PortError>)Call(nameof(ValidateInputsOf), process.GetType(), descriptor, process);

    public static IReadOnlyList<PortError> ValidateOutputs(ProcessDescriptor descriptor, object process) => (IReadOnlyList<PortError>)Call(nameof(ValidateOutputsOf), process.GetType(), descriptor, process);

    public static byte[] Write(ProcessDescriptor descriptor, object process, string section) => (byte[])Call(nameof(WriteOf), process.GetType(), descriptor, process, section);

    public static object ReadInputs(ProcessDescriptor descriptor, Type type, byte[] data) => Call(nameof(ReadInputsOf), type, descriptor, data);

    public static void Read(ProcessDescriptor descriptor, object process, string section, byte[] data) => Call(nameof(ReadOf), process.GetType(), descriptor, process, section, data);

    public static IReadOnlyDictionary<string, object?> Values(ProcessDescriptor descriptor, object process, string section) =>
        (IReadOnlyDictionary<string, object?>)Call(nameof(ValuesOf), process.GetType(), descriptor, process, section);

    public static byte[] WriteData(object value) => (byte[])Call(nameof(WriteDataOf), value.GetType(), value);

    public static object? ReadData(Type type, byte[] data) => Call(nameof(ReadDataOf), type, data);

    public static T Get<T>(object instance, string member)
    {
        var type = instance.GetType();
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var value = type.GetProperty(member, flags) is { } property ? property.GetValue(instance) : type.GetField(member, flags)!.GetValue(instance);
        return (T)value!;
    }

    public static void Set(object instance, string member, object? value)
    {
        var type = instance.GetType();
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        if (type.GetProperty(member, flags) is { } property)
        {
            property.SetValue(instance, value);
        }
        else
        {
            type.GetField(member, flags)!.SetValue(instance, value);
        }
    }

    private static object Call(string method, Type typeArgument, params object?[] arguments)
    {
        var generic = typeof(Loaded).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeArgument);
        try
        {
            return generic.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static ProcessDescriptor DescriptorOf<T>()
        where T : class, IProcessDefinition<T> =>
        T.Descriptor;

    private static IReadOnlyList<PortError> ValidateInputsOf<T>(ProcessDescriptor descriptor, T process)
        where T : class
    {
        var errors = new PortErrorCollector();
        ((ProcessDescriptor<T>)descriptor).ValidateInputs(process, errors);
        return errors.Errors;
    }

    private static IReadOnlyList<PortError> ValidateOutputsOf<T>(ProcessDescriptor descriptor, T process)
        where T : class
    {
        var errors = new PortErrorCollector();
        ((ProcessDescriptor<T>)descriptor).ValidateOutputs(process, errors);
        return errors.Errors;
    }

    private static byte[] WriteOf<T>(ProcessDescriptor descriptor, T process, string section)
        where T : class
    {
        var typed = (ProcessDescriptor<T>)descriptor;
        using var writer = new ProcessWriter();
        switch (section)
        {
            case "inputs": typed.WriteInputs(process, writer); break;
            case "outputs": typed.WriteOutputs(process, writer); break;
            default: typed.WriteState(process, writer); break;
        }

        return writer.ToArray();
    }

    private static object ReadInputsOf<T>(ProcessDescriptor descriptor, byte[] data)
        where T : class
    {
        var reader = new ProcessReader(data);
        var process = ((ProcessDescriptor<T>)descriptor).ReadInputs(ref reader);
        reader.EnsureAtEnd();
        return process;
    }

    private static object ReadOf<T>(ProcessDescriptor descriptor, T process, string section, byte[] data)
        where T : class
    {
        var typed = (ProcessDescriptor<T>)descriptor;
        var reader = new ProcessReader(data);
        if (section == "outputs")
        {
            typed.ReadOutputs(process, ref reader);
        }
        else
        {
            typed.ReadState(process, ref reader);
        }

        reader.EnsureAtEnd();
        return process;
    }

    private static IReadOnlyDictionary<string, object?> ValuesOf<T>(ProcessDescriptor descriptor, T process, string section)
        where T : class =>
        section == "inputs" ? ((ProcessDescriptor<T>)descriptor).GetInputs(process) : ((ProcessDescriptor<T>)descriptor).GetOutputs(process);

    private static byte[] WriteDataOf<T>(T value)
        where T : IProcessData<T>
    {
        using var writer = new ProcessWriter();
        ProcessData.Write(writer, value);
        return writer.ToArray();
    }

    private static object? ReadDataOf<T>(byte[] data)
        where T : IProcessData<T>
    {
        var reader = new ProcessReader(data);
        var value = ProcessData.Read<T>(ref reader);
        reader.EnsureAtEnd();
        return value;
    }

    public static string Hex(byte[] data) => string.Join(" ", data.Select(value => value.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
