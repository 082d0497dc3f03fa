using System.Text;

namespace Guestfs.Idl.Actions;

/// <summary>Mechanical C# names from libguestfs names.</summary>
public static class ActionsNaming
{
    /// <summary>
    /// PascalCases a snake_case name, splitting on <c>_</c> and keeping digits and the case of later letters:
    /// <c>lvm_pv</c> → <c>LvmPv</c>, <c>mke2fs_J</c> → <c>Mke2fsJ</c>.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The PascalCase name.</returns>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (string part in name.Split('_'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(part, 1, part.Length - 1);
        }

        return builder.ToString();
    }
}
