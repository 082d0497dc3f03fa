using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using ScottPlot.Plottables;

namespace Guestfs.Benchmarks.Harness;

/// <summary>The chart of <c>docs/benchmarks.png</c>: ours ÷ stock per figure, with the targets marked.</summary>
public static class BenchmarkChart
{
    /// <summary>Draws the ratios of the rows that have a stock value and a target, and saves the PNG.</summary>
    /// <param name="pngPath">Where the PNG goes.</param>
    /// <param name="results">The evaluated rows.</param>
    /// <param name="quick">Whether this was a smoke run (said in the title).</param>
    public static void Write(string pngPath, IReadOnlyList<RowResult> results, bool quick)
    {
        List<RowResult> rows = results
            .Where(static r => r.Ratio is not null && (r.Row.TargetRatio is not null || r.Row.TargetAbsolute is not null))
            .ToList();
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < rows.Count; i++)
        {
            RowResult r = rows[i];
            Color fill = r.Met switch { true => Colors.SeaGreen, false => Colors.IndianRed, null => Colors.SlateGray };
            bars.Add(new Bar { Position = i, Value = r.Ratio!.Value, FillColor = fill, Label = Distribution.Format(r.Ratio.Value) });
            ticks.Add(new Tick(i, r.Row.ChartLabel));
        }

        BarPlot barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 14;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Row.TargetRatio is double t)
            {
                LinePlot target = plot.Add.Line(i - 0.45, t, i + 0.45, t);
                target.LineWidth = 4;
                target.Color = Colors.Black;
                target.MarkerSize = 0;
            }
        }

        HorizontalLine parity = plot.Add.HorizontalLine(1.0);
        parity.LinePattern = LinePattern.Dashed;
        parity.Color = Colors.Gray;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MinimumSize = 60;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("ours ÷ stock (median)");
        plot.Title(quick
            ? "Guestfs vs libguestfs 1.48.6 — SMOKE RUN, not a measurement"
            : "Guestfs vs libguestfs 1.48.6 (black bar: target; green met, red missed; dashed: parity)");
        plot.SavePng(pngPath, 1200, 650);
    }
}
