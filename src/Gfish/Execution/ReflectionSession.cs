using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;

namespace Gfish.Execution;

/// <summary>
/// Calls actions on a handle object through its typed methods, following the generated-code contract:
/// one <c>{MethodStem}Async(required…, [options record], [IProgress&lt;T&gt;], CancellationToken)</c> per action,
/// FileIn/FileOut as <see cref="Stream"/>, string lists as <see cref="IReadOnlyList{T}"/>, options as a record of
/// nullable properties named after the optional arguments.
/// </summary>
internal sealed class ReflectionSession : IGuestfsSession
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo?> s_methods = new();
    private readonly object _handle;
    private readonly Func<Exception, string> _describeError;

    /// <summary>Creates a session over a handle.</summary>
    /// <param name="handle">The handle (a <c>Guestfs.GuestfsHandle</c>, or a test double with the same shape).</param>
    /// <param name="describeError">Turns a library exception into the text printed after <c>libguestfs: error: </c>.</param>
    public ReflectionSession(object handle, Func<Exception, string> describeError)
    {
        _handle = handle;
        _describeError = describeError;
    }

    /// <inheritdoc/>
    public async Task<object?> InvokeAsync(
        CommandInfo command,
        IReadOnlyList<object?> arguments,
        IReadOnlyDictionary<string, object?> optionalArguments,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        var method = FindMethod(_handle.GetType(), command, arguments.Count)
            ?? throw new ActionFailedException($"{command.Name}: this action is not available in the Guestfs library");
        var parameters = method.GetParameters();
        var values = new object?[parameters.Length];
        var next = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type == typeof(CancellationToken))
            {
                values[i] = cancellationToken;
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>))
            {
                values[i] = progress is null ? null : CreateProgress(type.GetGenericArguments()[0], progress);
            }
            else if (next < arguments.Count)
            {
                values[i] = Adapt(arguments[next++], type);
            }
            else
            {
                values[i] = optionalArguments.Count == 0 ? DefaultFor(parameters[i]) : CreateOptions(type, optionalArguments);
            }
        }

        try
        {
            var task = (Task)method.Invoke(_handle, values)!;
            await task.ConfigureAwait(false);
            var resultProperty = task.GetType().GetProperty("Result");
            return resultProperty is null || resultProperty.PropertyType.Name == "VoidTaskResult" ? null : resultProperty.GetValue(task);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null && e.InnerException is not OperationCanceledException)
        {
            throw new ActionFailedException(_describeError(e.InnerException), e.InnerException);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ActionFailedException)
        {
            throw new ActionFailedException(_describeError(e), e);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _handle switch
    {
        IAsyncDisposable d => d.DisposeAsync(),
        IDisposable d => Dispose(d),
        _ => ValueTask.CompletedTask,
    };

    /// <summary>Finds the method for an action: <c>{MethodStem}Async</c> with the required arguments, Stream overloads first.</summary>
    /// <param name="handleType">The handle type.</param>
    /// <param name="command">The action.</param>
    /// <param name="requiredCount">The number of required arguments.</param>
    /// <returns>The method, or null.</returns>
    public static MethodInfo? FindMethod(Type handleType, CommandInfo command, int requiredCount) =>
        s_methods.GetOrAdd((handleType, command.MethodStem + "Async#" + requiredCount), _ =>
        {
            var candidates = handleType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == command.MethodStem + "Async" && typeof(Task).IsAssignableFrom(m.ReturnType))
                .Where(m => m.GetParameters().Count(p => !IsPlumbing(p.ParameterType)) >= requiredCount)
                .OrderByDescending(m => m.GetParameters().Count(p => p.ParameterType == typeof(Stream)))
                .ToArray();
            return candidates.FirstOrDefault();
        });

    private static bool IsPlumbing(Type type) =>
        type == typeof(CancellationToken) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>));

    private static object? Adapt(object? value, Type target)
    {
        if (value is null || target.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is IReadOnlyList<string> list && target == typeof(string[]))
        {
            return list.ToArray();
        }

        if (value is byte[] bytes && target == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(bytes);
        }

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        return underlying.IsEnum ? Enum.ToObject(underlying, value) : Convert.ChangeType(value, underlying, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object? DefaultFor(System.Reflection.ParameterInfo parameter) =>
        parameter.HasDefaultValue ? parameter.DefaultValue : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;

    private static object CreateOptions(Type type, IReadOnlyDictionary<string, object?> values)
    {
        var options = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Cannot create the options record {type}.");
        foreach (var (name, value) in values)
        {
            var key = name.Replace("_", string.Empty, StringComparison.Ordinal);
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"The options record {type.Name} has no property for '{name}'.");
            property.SetValue(options, Adapt(value, property.PropertyType));
        }

        return options;
    }

    private static object CreateProgress(Type progressType, IProgress<TransferProgress> target) =>
        Activator.CreateInstance(typeof(ProgressAdapter<>).MakeGenericType(progressType), target)!;

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
