using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Gfish.Terminal;

/// <summary>Supplies the line editor's tab completions.</summary>
internal interface ICompleter
{
    /// <summary>The completions of one word, sorted, each with the character to append when it is the only one.</summary>
    /// <param name="word">The word before the cursor (possibly empty).</param>
    /// <param name="atLineStart">Whether the word starts the line (a command name).</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The candidates, which start with <paramref name="word"/> (ignoring case).</returns>
    Task<IReadOnlyList<Completion>> CompleteAsync(string word, bool atLineStart, CancellationToken cancellationToken);
}
