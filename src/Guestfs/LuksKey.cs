namespace Guestfs;

/// <summary>One key to try on an encrypted device: a passphrase, or Clevis (the device's network-bound pin).</summary>
/// <param name="Passphrase">The passphrase, or <see langword="null"/> for Clevis.</param>
public sealed record LuksKey(string? Passphrase)
{
    /// <summary>Unlock with Clevis rather than a passphrase (<c>--key ID:clevis</c>).</summary>
    public bool Clevis => Passphrase is null;
}
