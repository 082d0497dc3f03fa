using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ActionsTableTests
{
    [Fact]
    public void Table_WhenParsedAndBound_HasNoDiagnostics()
    {
        ActionsBindResult result = ActionsTable.Bound;

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(result.Spec.Actions);
    }
}
