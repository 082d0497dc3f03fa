using System;

namespace Guestfs.Fleet;

/// <summary>What happened to one image of a <see cref="FleetRunner"/> run: the function's value, or the error.</summary>
/// <typeparam name="T">The function's result type.</typeparam>
public sealed class FleetResult<T>
{
    internal FleetResult(string image, int index, T? value, Exception? error, TimeSpan elapsed)
    {
        Image = image;
        Index = index;
        Value = value;
        Error = error;
        Elapsed = elapsed;
    }

    /// <summary>The image as it was given.</summary>
    public string Image { get; }

    /// <summary>The image's position in the input (results come in the order they finish).</summary>
    public int Index { get; }

    /// <summary>The function's value when <see cref="Succeeded"/>; otherwise the default.</summary>
    public T? Value { get; }

    /// <summary>
    /// The typed error when the image failed: opening or launching (for example <see cref="GuestfsLaunchException"/>,
    /// <see cref="UnsafeDriveException"/>), the function's own exception, or a <see cref="TimeoutException"/> for an
    /// image over <see cref="FleetOptions.ImageTimeout"/>.
    /// </summary>
    public Exception? Error { get; }

    /// <summary>Whether the image was worked on to the end without an error.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Wall time spent on this image, opening and closing its handle included.</summary>
    public TimeSpan Elapsed { get; }
}
