using System.Linq;
using System.Reflection;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ActionsDiagnosticIdsTests
{
    [Fact]
    public void Ids_AreUniqueAndInTheActionsRanges()
    {
        var ids = typeof(ActionsDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^GFS[0-9]{4}$", id);
            int number = int.Parse(id.Substring(3));
            Assert.True(number is >= 100 and <= 199 or >= 250 and <= 299, id);
        });
    }
}
