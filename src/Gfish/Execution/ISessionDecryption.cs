using System.Threading;
using System.Threading.Tasks;
using Guestfs;

namespace Gfish.Execution;

/// <summary>A session over a library handle, which can open the guest's encrypted devices (<c>-i</c>).</summary>
internal interface ISessionDecryption
{
    /// <summary>Opens the encrypted devices (<see cref="GuestfsHandle.DecryptDisksAsync"/>).</summary>
    /// <param name="keys">Supplies each device's keys.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when the devices are open.</returns>
    /// <exception cref="LuksKeyException">A key could not be read or none opened a device.</exception>
    /// <exception cref="GuestfsException">A call failed.</exception>
    Task DecryptDisksAsync(LuksKeyProvider keys, CancellationToken cancellationToken);
}
