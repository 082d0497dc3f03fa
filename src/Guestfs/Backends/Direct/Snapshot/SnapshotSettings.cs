using System;
using System.Collections.Generic;
using System.Globalization;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Whether a launch uses snapshot launch, and how long one saved state is restored: the one place that reads the
/// backend settings <c>snapshot</c>, <c>snapshot_max_uses</c>, <c>snapshot_max_age</c> and the environment variable
/// <c>GUESTFS_SNAPSHOT</c>.
/// </summary>
/// <param name="Enabled">Whether snapshot launch is on.</param>
/// <param name="Reason">What decided it (for a debug message).</param>
/// <param name="MaxUses">How many launches may restore one saved state.</param>
/// <param name="MaxAge">How long after its save a state may be restored.</param>
internal sealed record SnapshotSettings(bool Enabled, string Reason, int MaxUses, TimeSpan MaxAge)
{
    /// <summary>The backend setting that turns snapshot launch on (<c>1</c>) or off (<c>0</c>).</summary>
    public const string Setting = "snapshot";

    /// <summary>The environment variable that turns snapshot launch off (<c>0</c>) or on (<c>1</c>, when the setting is absent).</summary>
    public const string EnvironmentVariable = "GUESTFS_SNAPSHOT";

    /// <summary>The backend setting: how many launches may restore one saved state.</summary>
    public const string MaxUsesSetting = "snapshot_max_uses";

    /// <summary>The backend setting: how many seconds after its save a state may be restored.</summary>
    public const string MaxAgeSetting = "snapshot_max_age";

    /// <summary>Whether snapshot launch is on when neither the setting nor the environment variable says.</summary>
    public const bool DefaultEnabled = true;

    /// <summary>How many launches restore one state when the setting is absent.</summary>
    public const int DefaultMaxUses = 100;

    /// <summary>How long a state is restored when the setting is absent.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    /// <summary>
    /// Reads the settings: <c>GUESTFS_SNAPSHOT=0</c> or <c>snapshot=0</c> turn snapshot launch off, and the environment
    /// variable wins over the setting when it says off.
    /// </summary>
    /// <param name="settings">The backend settings.</param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> for the process's.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="GuestfsLaunchException">A limit is not a positive whole number.</exception>
    public static SnapshotSettings Read(IReadOnlyDictionary<string, string> settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int maxUses = settings.TryGetValue(MaxUsesSetting, out string? uses)
            ? ParsePositive(MaxUsesSetting, uses, int.MaxValue, "launches")
            : DefaultMaxUses;
        TimeSpan maxAge = settings.TryGetValue(MaxAgeSetting, out string? age)
            ? TimeSpan.FromSeconds(ParsePositive(MaxAgeSetting, age, (int)TimeSpan.FromDays(365).TotalSeconds, "seconds"))
            : DefaultMaxAge;

        string? variable = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        (bool enabled, string reason) =
            IsOff(variable) ? (false, $"{EnvironmentVariable}={variable}")
            : settings.TryGetValue(Setting, out string? value) ? (!IsOff(value), IsOff(value) ? $"the backend setting {Setting}={value}" : $"the backend setting {Setting}")
            : variable is { Length: > 0 } ? (true, $"{EnvironmentVariable}={variable}")
            : (DefaultEnabled, "the default");
        return new SnapshotSettings(enabled, reason, maxUses, maxAge);
    }

    private static bool IsOff(string? value) => value is "0" or "off" or "false" or "no";

    private static int ParsePositive(string name, string text, int max, string unit)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1 || value > max)
        {
            throw new GuestfsLaunchException(
                $"launch: the backend setting {name}={text} is not a whole number of {unit} between 1 and {max}");
        }

        return value;
    }
}
