namespace Guestfs.Idl.Actions;

/// <summary>Who may call an action (<c>visibility</c> clause; <see cref="Public"/> when absent).</summary>
public enum ActionVisibility
{
    /// <summary>Public API, also a guestfish command (<c>public</c>).</summary>
    Public,

    /// <summary>Public API without a guestfish command (<c>public-no-fish</c>).</summary>
    PublicNoFish,

    /// <summary>Used by the library itself only (<c>internal</c>).</summary>
    Internal,

    /// <summary>Debugging aid (<c>debug</c>).</summary>
    Debug,

    /// <summary>Exists for tests of the handle state (<c>test</c>).</summary>
    Test,
}
