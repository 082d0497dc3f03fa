namespace Guestfs.Benchmarks.Harness;

/// <summary>One row of the results table: which samples it compares and what it is held to.</summary>
/// <param name="Title">The figure, as the table names it.</param>
/// <param name="ChartLabel">A short label for the chart.</param>
/// <param name="Unit">Unit of the values.</param>
/// <param name="Field">The figure name in the samples.</param>
/// <param name="StockSide">The stock side the row takes its stock value from, or null (ours only).</param>
/// <param name="OursSide">The side the row takes our value from.</param>
/// <param name="HigherIsBetter">True for throughputs.</param>
/// <param name="TargetRatio">The target for ours ÷ stock (at most, or at least when <paramref name="HigherIsBetter"/>), or null.</param>
/// <param name="TargetAbsolute">A target for our value itself (at most), or null.</param>
/// <param name="LimitSide">The limit side, or null.</param>
/// <param name="LimitField">The limit figure name, or null.</param>
/// <param name="StockField">The figure name in the stock samples when it differs from <paramref name="Field"/>.</param>
public sealed record FigureRow(
    string Title,
    string ChartLabel,
    string Unit,
    string Field,
    string? StockSide,
    string OursSide,
    bool HigherIsBetter,
    double? TargetRatio,
    double? TargetAbsolute,
    string? LimitSide,
    string? LimitField,
    string? StockField = null);
