namespace Guestfs;

/// <summary>A progress report from the daemon for the call in flight.</summary>
/// <param name="Procedure">The procedure number of the call.</param>
/// <param name="Serial">The serial number of the call.</param>
/// <param name="Position">Work done so far (bytes, or 0 in pulse mode).</param>
/// <param name="Total">Total work (bytes, or 1 in pulse mode).</param>
public readonly record struct GuestfsProgress(int Procedure, uint Serial, ulong Position, ulong Total);
