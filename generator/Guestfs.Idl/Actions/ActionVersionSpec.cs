namespace Guestfs.Idl.Actions;

/// <summary>The libguestfs version an action was added in (<c>added x.y.z</c>).</summary>
/// <param name="Major">Major number.</param>
/// <param name="Minor">Minor number.</param>
/// <param name="Release">Release number.</param>
public sealed record ActionVersionSpec(int Major, int Minor, int Release)
{
    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}.{Release}";
}
