using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.Ports;

/// <summary>
/// Issue 11, category 7: a dynamic namespace whose values are port namespaces checks each value by
/// the value type's generated rules, on a typed launch and on a launch by name, where a value may be
/// given typed or as a dictionary of its port values; errors name the full port path.
/// </summary>
public sealed class DynamicNamespaceValueTests
{
    private const string SurveyName = "Processes.Tests.Ports.Survey";

    private static ProcessDescriptor DescriptorOf<T>()
        where T : class, IProcessDefinition<T> =>
        T.Descriptor;

    private static string[] Errors(PortValidationException exception) =>
        exception.Errors.Select(error => error.ToString()).ToArray();

    [Fact]
    public async Task A_typed_launch_checks_each_value_by_its_namespace_rules()
    {
        await using var runtime = RuntimeTestKit.NewRuntime();
        var survey = new Survey
        {
            Stations = new() { ["north"] = new Station { Name = "n", Level = 500 }, ["south"] = new Station { Name = "", Level = 5 } },
            Spares = new() { ["east"] = null, ["west"] = new Station { Name = "w", Level = -1 } },
        };

        var exception = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync(survey));

        Assert.Equal(
            [
                "inputs.stations.north.level: must be at least 0 and at most 100, but was 500",
                "inputs.stations.south.name: length must be at least 1, but was 0",
                "inputs.spares.west.level: must be at least 0 and at most 100, but was -1",
            ],
            Errors(exception));
    }

    [Fact]
    public async Task A_launch_by_name_checks_values_given_as_port_value_dictionaries_and_typed()
    {
        await using var runtime = RuntimeTestKit.NewRuntime();
        var inputs = new Dictionary<string, object?>
        {
            ["stations"] = new Dictionary<string, object?>
            {
                ["north"] = new Dictionary<string, object?> { ["name"] = "n", ["level"] = 500 },
                ["south"] = new Dictionary<string, object?> { ["level"] = 5 },
                ["east"] = new Station { Name = "e", Level = 101 },
                ["west"] = new Dictionary<string, object?> { ["name"] = "w", ["levl"] = 1 },
                ["none"] = null,
            },
        };

        var exception = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync(SurveyName, inputs));

        Assert.Equal(
            [
                "inputs.stations.north.level: must be at least 0 and at most 100, but was 500",
                "inputs.stations.south.name: " + PortError.MissingRequired,
                "inputs.stations.east.level: must be at least 0 and at most 100, but was 101",
                "inputs.stations.west.levl: unknown port 'levl'",
                "inputs.stations.none: " + PortError.MissingRequired,
            ],
            Errors(exception));
    }

    [Fact]
    public async Task A_launch_by_name_binds_values_given_as_port_value_dictionaries()
    {
        await using var runtime = RuntimeTestKit.NewRuntime();
        var inputs = new Dictionary<string, object?>
        {
            ["stations"] = new Dictionary<string, object?>
            {
                ["north"] = new Dictionary<string, object?> { ["name"] = "n", ["level"] = 70 },
                ["south"] = new Dictionary<string, object?> { ["name"] = "s" },
                ["east"] = new Station { Name = "e", Level = 1 },
            },
            ["spares"] = new Dictionary<string, object?> { ["a"] = null, ["b"] = new Dictionary<string, object?> { ["name"] = "b", ["level"] = 2 } },
        };

        var handle = await runtime.LaunchAsync(SurveyName, inputs);
        var outputs = await handle.GetOutputsAsync().AsTask().WaitAsync(RuntimeTestKit.Timeout);

        Assert.Equal("east=e:1,north=n:70,south=s:50;a=,b=2", outputs["report"]);
    }

    [Fact]
    public void The_schema_describes_each_value_by_its_namespace()
    {
        using var schema = JsonDocument.Parse(DescriptorOf<Survey>().ToJsonSchema());
        var inputs = schema.RootElement.GetProperty("properties").GetProperty("inputs").GetProperty("properties");

        var station = inputs.GetProperty("stations").GetProperty("additionalProperties");
        Assert.Equal("object", station.GetProperty("type").GetString());
        Assert.Equal(100, station.GetProperty("properties").GetProperty("level").GetProperty("maximum").GetInt32());
        Assert.Equal(["name"], station.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.False(station.GetProperty("additionalProperties").GetBoolean());
    }
}
