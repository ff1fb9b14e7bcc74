namespace Processes.Runtime;

/// <summary>The shared states a step or task reaches through its context.</summary>
internal abstract partial class ProcessExecution
{
    private ISharedStateClient? _sharedStates;

    ISharedStateClient IProcessContextHost.SharedStates => _sharedStates ??= Runtime.CreateSharedStateClient("process:" + Id);
}
