namespace Guestfs.Benchmarks.Harness;

/// <summary>A row of the table with its measured distributions.</summary>
/// <param name="Row">The row.</param>
/// <param name="Stock">The stock distribution, or null for an ours-only row.</param>
/// <param name="Ours">Our distribution.</param>
/// <param name="Limit">The machine's limit, or null.</param>
/// <param name="Ratio">Ours ÷ stock of the medians, or null.</param>
/// <param name="Met">Whether the target is met, or null when the row has none.</param>
public sealed record RowResult(FigureRow Row, Distribution? Stock, Distribution Ours, Distribution? Limit, double? Ratio, bool? Met);
