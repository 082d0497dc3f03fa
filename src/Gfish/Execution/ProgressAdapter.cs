using System;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace Gfish.Execution;

/// <summary>Forwards the library's progress values (any type with position and total properties) as <see cref="TransferProgress"/>.</summary>
/// <typeparam name="T">The library's progress type.</typeparam>
internal sealed class ProgressAdapter<T> : IProgress<T>
{
    private static readonly PropertyInfo? s_position = Find("Position", "Current", "Done");
    private static readonly PropertyInfo? s_total = Find("Total", "Length", "Count");
    private readonly IProgress<TransferProgress> _target;

    /// <summary>Creates the adapter.</summary>
    /// <param name="target">Where progress goes.</param>
    public ProgressAdapter(IProgress<TransferProgress> target)
    {
        _target = target;
    }

    /// <inheritdoc/>
    public void Report(T value)
    {
        if (value is null || s_position is null || s_total is null)
        {
            return;
        }

        _target.Report(new TransferProgress(
            Convert.ToInt64(s_position.GetValue(value), CultureInfo.InvariantCulture),
            Convert.ToInt64(s_total.GetValue(value), CultureInfo.InvariantCulture)));
    }

    private static PropertyInfo? Find(params string[] names) =>
        names.Select(n => typeof(T).GetProperty(n, BindingFlags.Public | BindingFlags.Instance)).FirstOrDefault(p => p is not null);
}
