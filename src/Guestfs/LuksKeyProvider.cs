using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs;

/// <summary>
/// Supplies the keys to try on one encrypted device for <see cref="GuestfsHandle.DecryptDisksAsync"/>: the
/// passphrases in the order to try them. <see cref="LuksKeyStore.Provider"/> makes one from <c>--key</c> selectors
/// with a fallback that asks the user (<see cref="PassphrasePrompt"/>).
/// </summary>
/// <param name="device">The encrypted partition or logical volume (<c>/dev/sda2</c>).</param>
/// <param name="uuid">Its LUKS UUID, or <see langword="null"/> when it has none (BitLocker).</param>
/// <param name="cancellationToken">Cancels the look-up.</param>
/// <returns>At least one key to try.</returns>
/// <exception cref="LuksKeyException">No key could be found or read.</exception>
public delegate ValueTask<IReadOnlyList<LuksKey>> LuksKeyProvider(string device, string? uuid, CancellationToken cancellationToken);
