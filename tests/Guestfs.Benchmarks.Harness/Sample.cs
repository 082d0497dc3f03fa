using System.Collections.Generic;
using System.Text.Json;

namespace Guestfs.Benchmarks.Harness;

/// <summary>One measurement: which side produced it and its named figures (the JSON line format of <c>eng/bench.sh</c>).</summary>
/// <param name="Side">
/// <c>stock-guestfish</c>, <c>stock-lib</c>, <c>stock-lib-fixed</c>, <c>ours</c>, <c>ours-fixed</c>,
/// <c>limit-boot</c> or <c>limit-vserial</c>.
/// </param>
/// <param name="Figures">Figure name → value (seconds, µs, MB/s, MB), as the producers name them.</param>
public sealed record Sample(string Side, IReadOnlyDictionary<string, double> Figures)
{
    /// <summary>Serializes the sample as one JSON object: <c>{"side":..., figure: value, ...}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var o = new Dictionary<string, object> { ["side"] = Side };
        foreach (KeyValuePair<string, double> kv in Figures)
        {
            o[kv.Key] = System.Math.Round(kv.Value, 4);
        }

        return JsonSerializer.Serialize(o);
    }

    /// <summary>Parses one JSON line; numbers become figures, <c>side</c> the side.</summary>
    /// <param name="line">The JSON text.</param>
    /// <returns>The sample.</returns>
    public static Sample Parse(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        string side = doc.RootElement.GetProperty("side").GetString() ?? throw new JsonException("side is null");
        var figures = new Dictionary<string, double>();
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Number)
            {
                figures[p.Name] = p.Value.GetDouble();
            }
        }

        return new Sample(side, figures);
    }
}
