using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests.Support;

/// <summary>Encodes and decodes generated records of an in-memory assembly through its own XDR helpers.</summary>
internal static class XdrProbe
{
    // The generated Encode/Decode take ref struct parameters, which reflection cannot pass; a tiny helper compiled
    // into the same assembly does the call. It lives in the stand-in (XdrTestHooks), see StandIn/XdrTestHooks.cs.
    public static byte[] Encode(Assembly assembly, object value)
    {
        MethodInfo encode = assembly.GetType("Guestfs.XdrTestHooks", throwOnError: true)!.GetMethod("Encode")!;
        return (byte[])Unwrap(() => encode.Invoke(null, new[] { value }))!;
    }

    public static object Decode(Assembly assembly, Type type, byte[] bytes)
    {
        MethodInfo decode = assembly.GetType("Guestfs.XdrTestHooks", throwOnError: true)!.GetMethod("Decode")!.MakeGenericMethod(type);
        return Unwrap(() => decode.Invoke(null, new object[] { bytes }))!;
    }

    /// <summary>Creates a record with every numeric field set to a different value (strings, buffers likewise).</summary>
    public static object CreateWithDistinctValues(Type record, int seed)
    {
        ConstructorInfo ctor = record.GetConstructors().OrderByDescending(static c => c.GetParameters().Length).First();
        object?[] args = ctor.GetParameters().Select((p, i) => Value(p.ParameterType, seed + i)).ToArray();
        return ctor.Invoke(args);
    }

    private static object? Value(Type type, int n)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) ? n
            : t == typeof(uint) ? (uint)n
            : t == typeof(long) ? (long)n * 1_000_000_007L
            : t == typeof(ulong) ? (ulong)n * 3
            : t == typeof(float) ? n + 0.5f
            : t == typeof(char) ? (char)('a' + (n % 26))
            : t == typeof(bool) ? n % 2 == 0
            : t == typeof(string) ? "s" + n
            : t == typeof(byte[]) ? new byte[] { (byte)n }
            : throw new NotSupportedException(t.FullName);
    }

    private static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
