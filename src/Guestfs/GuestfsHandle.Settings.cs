using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;

namespace Guestfs;

/// <content>Library-side configuration actions (setters and getters) and the environment.</content>
public sealed partial class GuestfsHandle
{
    private const string DefaultPath = "/usr/lib/x86_64-linux-gnu/guestfs";
    private const string DefaultHypervisor = "/usr/bin/qemu-system-x86_64";
    internal const int DefaultMemsize = 1280;
    private const int MinMemsize = 256;

    /// <summary>The backend setting that bounds the final sync and the appliance's exit, in seconds.</summary>
    internal const string ShutdownTimeoutSetting = "shutdown_timeout";

    /// <summary>How long closing waits for the final sync and the appliance's exit when nothing else is set.</summary>
    internal static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest shutdown bound accepted (one day: beyond that it is a hang in all but name).</summary>
    private static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromDays(1);

    private readonly List<string> _backendSettings = new();
    private string _backendName = BackendFactory.DefaultBackend;
    private string? _path;
    private int _memsize = DefaultMemsize;
    private int _smp = 1;
    private string? _append;
    private volatile bool _verbose;
    private volatile bool _trace;
    private volatile bool _autosync = true;
    private bool _selinux;
    private bool _network;
    private volatile string _identifier = string.Empty;
    private volatile string _program = string.Empty;
    private string? _hv;
    private string? _tmpdir;
    private string? _cachedir;
    private string? _envTmpdir;
    private string? _envRuntimeDir;
    private Func<string, string?> _environment = Environment.GetEnvironmentVariable;
    private TimeSpan? _shutdownTimeoutOption;
    private TimeSpan _shutdownTimeout = DefaultShutdownTimeout;

    private void InitializeSettings(GuestfsOptions options)
    {
        _environment = options.EnvironmentReader ?? Environment.GetEnvironmentVariable;
        _program = AppDomain.CurrentDomain.FriendlyName;
        if (options.ReadEnvironment)
        {
            ApplyEnvironment(Env, strict: false);
        }

        if (options.Backend is not null)
        {
            _backendName = options.Backend;
        }

        if (options.BackendSettings is not null)
        {
            _backendSettings.Clear();
            _backendSettings.AddRange(options.BackendSettings);
        }

        _path = options.Path ?? _path;
        if (options.Memsize is { } m)
        {
            if (m < MinMemsize)
            {
                throw new ArgumentOutOfRangeException(nameof(options), m, $"Memsize must be at least {MinMemsize} MiB");
            }

            _memsize = m;
        }

        _verbose = options.Verbose ?? _verbose;
        _trace = options.Trace ?? _trace;
        if (options.ShutdownTimeout is { } shutdownTimeout)
        {
            if (shutdownTimeout <= TimeSpan.Zero || shutdownTimeout > MaxShutdownTimeout)
            {
                throw new ArgumentOutOfRangeException(nameof(options), shutdownTimeout, "ShutdownTimeout must be more than zero and at most one day");
            }

            _shutdownTimeoutOption = shutdownTimeout;
        }
    }

    private string? Env(string name)
    {
        string? value = _environment(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Sets the appliance search path (<c>set_path</c>); <see langword="null"/> restores the default. CONFIG only.</summary>
    /// <param name="searchpath">Colon-separated directories, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetPathAsync(string? searchpath, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_path", searchpath, () => _path = searchpath, cancellationToken);

    /// <summary>Returns the appliance search path (<c>get_path</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The path.</returns>
    public partial Task<string> GetPathAsync(CancellationToken cancellationToken) => Getter("get_path", _path ?? DefaultPath);

    /// <summary>Sets the backend (<c>set_backend</c>): <c>direct</c> or <c>unix:PATH</c>. CONFIG only.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetBackendAsync(string backend, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_backend", backend, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(backend);
            if (!BackendFactory.IsKnown(backend))
            {
                throw new ArgumentException($"set_backend: invalid backend '{backend}'; use 'direct' or 'unix:PATH'", nameof(backend));
            }

            _backendName = backend;
        }, cancellationToken);

    /// <summary>Returns the backend (<c>get_backend</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The backend string.</returns>
    public partial Task<string> GetBackendAsync(CancellationToken cancellationToken) => Getter("get_backend", _backendName);

    /// <summary>Old name of <see cref="SetBackendAsync"/> (<c>set_attach_method</c>, deprecated).</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetAttachMethodAsync(string backend, CancellationToken cancellationToken) => SetBackendAsync(backend, cancellationToken);

    /// <summary>
    /// Old name of <see cref="GetBackendAsync"/> (<c>get_attach_method</c>, deprecated); as in libguestfs it says
    /// <c>appliance</c> for the <c>direct</c> backend, the old name of that backend.
    /// </summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The backend string.</returns>
    public partial Task<string> GetAttachMethodAsync(CancellationToken cancellationToken) =>
        Getter("get_attach_method", _backendName is BackendFactory.DefaultBackend ? "appliance" : _backendName);

    /// <summary>
    /// Replaces all backend settings (<c>set_backend_settings</c>). CONFIG only. See <see cref="GuestfsOptions.BackendSettings"/>
    /// for the settings the <c>direct</c> backend reads (among them <c>snapshot=0</c>, which turns snapshot launch off).
    /// </summary>
    /// <param name="settings">Settings such as <c>force_tcg</c> or <c>name=value</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetBackendSettingsAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_backend_settings", settings, () =>
        {
            ArgumentGuard.ThrowIfInvalidStringList(settings);
            lock (_backendSettings)
            {
                _backendSettings.Clear();
                _backendSettings.AddRange(settings);
            }
        }, cancellationToken);

    /// <summary>Returns the backend settings (<c>get_backend_settings</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A copy of the settings.</returns>
    public partial Task<IReadOnlyList<string>> GetBackendSettingsAsync(CancellationToken cancellationToken)
    {
        lock (_backendSettings)
        {
            return Getter<IReadOnlyList<string>>("get_backend_settings", _backendSettings.ToArray());
        }
    }

    /// <summary>
    /// Returns one backend setting (<c>get_backend_setting</c>): the value of <c>name=value</c>, or <c>1</c> for a
    /// bare <c>name</c>. A missing setting is a <see cref="GuestfsException"/> with errno <c>ESRCH</c>.
    /// </summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The value.</returns>
    public partial Task<string> GetBackendSettingAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(name);
        lock (_backendSettings)
        {
            foreach (string setting in _backendSettings)
            {
                if (setting == name)
                {
                    return Getter("get_backend_setting", "1");
                }

                if (setting.Length > name.Length && setting.StartsWith(name, StringComparison.Ordinal) && setting[name.Length] == '=')
                {
                    return Getter("get_backend_setting", setting.Substring(name.Length + 1));
                }
            }
        }

        return Task.FromException<string>(new GuestfsException($"get_backend_setting: setting not found: {name}", "ESRCH", "get_backend_setting"));
    }

    /// <summary>Sets <c>name=value</c>, replacing earlier values of the setting (<c>set_backend_setting</c>). CONFIG only.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="val">Its value.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetBackendSettingAsync(string name, string val, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_backend_setting", $"\"{name}\" \"{val}\"", () =>
        {
            ArgumentGuard.ThrowIfContainsNul(name);
            ArgumentGuard.ThrowIfContainsNul(val);
            lock (_backendSettings)
            {
                RemoveSetting(name);
                _backendSettings.Add(name + "=" + val);
            }
        }, cancellationToken);

    /// <summary>Removes a setting (<c>clear_backend_setting</c>). CONFIG only.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>How many entries were removed.</returns>
    public async partial Task<int> ClearBackendSettingAsync(string name, CancellationToken cancellationToken)
    {
        int removed = 0;
        await ConfigActionAsync("clear_backend_setting", name, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(name);
            lock (_backendSettings)
            {
                removed = RemoveSetting(name);
            }
        }, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private int RemoveSetting(string name) =>
        _backendSettings.RemoveAll(s => s == name || (s.StartsWith(name, StringComparison.Ordinal) && s.Length > name.Length && s[name.Length] == '='));

    /// <summary>Sets the appliance memory in MiB (<c>set_memsize</c>, at least 256). CONFIG only.</summary>
    /// <param name="memsize">MiB.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetMemsizeAsync(int memsize, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_memsize", memsize, () =>
        {
            if (memsize < MinMemsize)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(memsize), memsize, $"must be at least {MinMemsize} (MiB)");
            }

            _memsize = memsize;
        }, cancellationToken);

    /// <summary>Returns the appliance memory in MiB (<c>get_memsize</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>MiB.</returns>
    public partial Task<int> GetMemsizeAsync(CancellationToken cancellationToken) => Getter("get_memsize", _memsize);

    /// <summary>Sets the number of virtual CPUs (<c>set_smp</c>, at least 1). CONFIG only.</summary>
    /// <param name="smp">CPUs.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetSmpAsync(int smp, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_smp", smp, () =>
        {
            if (smp < 1)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(smp), smp, "must be at least 1");
            }

            _smp = smp;
        }, cancellationToken);

    /// <summary>Returns the number of virtual CPUs (<c>get_smp</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>CPUs.</returns>
    public partial Task<int> GetSmpAsync(CancellationToken cancellationToken) => Getter("get_smp", _smp);

    /// <summary>Sets extra kernel command-line text (<c>set_append</c>); <see langword="null"/> clears it. CONFIG only.</summary>
    /// <param name="append">The text, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetAppendAsync(string? append, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_append", append, () => _append = append, cancellationToken);

    /// <summary>Returns the extra kernel command-line text (<c>get_append</c>), or <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public partial Task<string?> GetAppendAsync(CancellationToken cancellationToken) => Getter("get_append", _append);

    /// <summary>Turns verbose messages on or off (<c>set_verbose</c>); allowed in any state.</summary>
    /// <param name="verbose">On or off.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task SetVerboseAsync(bool verbose, CancellationToken cancellationToken) =>
        AnytimeAction("set_verbose", verbose, () => _verbose = verbose);

    /// <summary>Returns whether verbose messages are on (<c>get_verbose</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>On or off.</returns>
    public partial Task<bool> GetVerboseAsync(CancellationToken cancellationToken) => Getter("get_verbose", _verbose);

    /// <summary>Turns call tracing on or off (<c>set_trace</c>); allowed in any state.</summary>
    /// <param name="trace">On or off.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task SetTraceAsync(bool trace, CancellationToken cancellationToken) =>
        AnytimeAction("set_trace", trace, () => _trace = trace);

    /// <summary>Returns whether tracing is on (<c>get_trace</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>On or off.</returns>
    public partial Task<bool> GetTraceAsync(CancellationToken cancellationToken) => Getter("get_trace", _trace);

    /// <summary>Turns autosync (unmount and sync at shutdown) on or off (<c>set_autosync</c>); default on.</summary>
    /// <param name="autosync">On or off.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task SetAutosyncAsync(bool autosync, CancellationToken cancellationToken) =>
        AnytimeAction("set_autosync", autosync, () => _autosync = autosync);

    /// <summary>Returns whether autosync is on (<c>get_autosync</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>On or off.</returns>
    public partial Task<bool> GetAutosyncAsync(CancellationToken cancellationToken) => Getter("get_autosync", _autosync);

    /// <summary>Enables SELinux in the appliance (<c>set_selinux</c>, deprecated). CONFIG only.</summary>
    /// <param name="selinux">On or off.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetSelinuxAsync(bool selinux, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_selinux", selinux, () => _selinux = selinux, cancellationToken);

    /// <summary>Returns the SELinux flag (<c>get_selinux</c>, deprecated).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>On or off.</returns>
    public partial Task<bool> GetSelinuxAsync(CancellationToken cancellationToken) => Getter("get_selinux", _selinux);

    /// <summary>Gives the appliance a network device (<c>set_network</c>). CONFIG only.</summary>
    /// <param name="network">On or off.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetNetworkAsync(bool network, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_network", network, () => _network = network, cancellationToken);

    /// <summary>Returns the network flag (<c>get_network</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>On or off.</returns>
    public partial Task<bool> GetNetworkAsync(CancellationToken cancellationToken) => Getter("get_network", _network);

    /// <summary>Sets the handle's identifier (<c>set_identifier</c>): letters, digits, <c>_</c> and <c>-</c> only.</summary>
    /// <param name="identifier">The identifier (may be empty).</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task SetIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        AnytimeAction("set_identifier", identifier, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(identifier);
            foreach (char c in identifier)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
                {
                    ThrowHelper.ThrowArgument("may contain only letters, digits, '_' and '-'", nameof(identifier));
                }
            }

            _identifier = identifier;
        });

    /// <summary>Returns the handle's identifier (<c>get_identifier</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The identifier.</returns>
    public partial Task<string> GetIdentifierAsync(CancellationToken cancellationToken) => Getter("get_identifier", _identifier);

    /// <summary>Sets the program name shown in messages (<c>set_program</c>).</summary>
    /// <param name="program">The name.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task SetProgramAsync(string program, CancellationToken cancellationToken) =>
        AnytimeAction("set_program", program, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(program);
            _program = program;
        });

    /// <summary>Returns the program name (<c>get_program</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The name.</returns>
    public partial Task<string> GetProgramAsync(CancellationToken cancellationToken) => Getter("get_program", _program);

    /// <summary>Sets the hypervisor binary (<c>set_hv</c>). CONFIG only.</summary>
    /// <param name="hv">The binary.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetHvAsync(string hv, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_hv", hv, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(hv);
            _hv = hv;
        }, cancellationToken);

    /// <summary>Returns the hypervisor binary (<c>get_hv</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The binary.</returns>
    public partial Task<string> GetHvAsync(CancellationToken cancellationToken) => Getter("get_hv", _hv ?? DefaultHypervisor);

    /// <summary>Old form of <see cref="SetHvAsync"/> (<c>set_qemu</c>, deprecated); <see langword="null"/> restores the default.</summary>
    /// <param name="hv">The binary, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetQemuAsync(string? hv, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_qemu", hv, () => _hv = hv, cancellationToken);

    /// <summary>Old form of <see cref="GetHvAsync"/> (<c>get_qemu</c>, deprecated).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The binary.</returns>
    public partial Task<string> GetQemuAsync(CancellationToken cancellationToken) => Getter("get_qemu", _hv ?? DefaultHypervisor);

    /// <summary>Sets the directory for temporary files (<c>set_tmpdir</c>); <see langword="null"/> restores the default. CONFIG only.</summary>
    /// <param name="tmpdir">The directory, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetTmpdirAsync(string? tmpdir, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_tmpdir", tmpdir, () => _tmpdir = tmpdir, cancellationToken);

    /// <summary>Returns the directory for temporary files (<c>get_tmpdir</c>): the setting, <c>TMPDIR</c>, or <c>/tmp</c>.</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The directory.</returns>
    public partial Task<string> GetTmpdirAsync(CancellationToken cancellationToken) => Getter("get_tmpdir", EffectiveTmpdir);

    /// <summary>Sets the appliance cache directory (<c>set_cachedir</c>); <see langword="null"/> restores the default. CONFIG only.</summary>
    /// <param name="cachedir">The directory, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    public partial Task SetCachedirAsync(string? cachedir, CancellationToken cancellationToken) =>
        ConfigActionAsync("set_cachedir", cachedir, () => _cachedir = cachedir, cancellationToken);

    /// <summary>Returns the appliance cache directory (<c>get_cachedir</c>): the setting, <c>TMPDIR</c>, or <c>/var/tmp</c>.</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The directory.</returns>
    public partial Task<string> GetCachedirAsync(CancellationToken cancellationToken) =>
        Getter("get_cachedir", _cachedir ?? _envTmpdir ?? "/var/tmp");

    /// <summary>Returns the directory for sockets (<c>get_sockdir</c>): <c>XDG_RUNTIME_DIR</c>, or <c>/tmp</c>.</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The directory.</returns>
    public partial Task<string> GetSockdirAsync(CancellationToken cancellationToken) =>
        Getter("get_sockdir", _envRuntimeDir ?? "/tmp");

    private string EffectiveTmpdir => _tmpdir ?? _envTmpdir ?? "/tmp";

    /// <summary>Runs a CONFIG-only library action under the guard, traced as libguestfs traces it.</summary>
    private async Task ConfigActionAsync(string name, object? traceArg, Action apply, CancellationToken cancellationToken)
    {
        using UserAction action = await StartUserActionAsync(GuestfsState.Config, name, cancellationToken).ConfigureAwait(false);
        RunTraced(name, traceArg, apply);
    }

    private Task AnytimeAction(string name, object? traceArg, Action apply)
    {
        try
        {
            ThrowIfClosed(name);
            RunTraced(name, traceArg, apply);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private void RunTraced(string name, object? traceArg, Action apply)
    {
        bool tracing = _trace;
        RaiseEvent(GuestfsEvents.Enter, name, null);
        if (tracing)
        {
            string args = traceArg is string s && s.StartsWith('"') ? s : Protocol.TraceFormatter.FormatArgument(traceArg);
            TraceLine(name + " " + args);
        }

        try
        {
            apply();
        }
        catch
        {
            if (tracing)
            {
                TraceLine(name + " = -1 (error)");
            }

            throw;
        }

        if (tracing)
        {
            TraceLine(name + " = 0");
        }
    }

    private Task<T> Getter<T>(string name, T value)
    {
        RaiseEvent(GuestfsEvents.Enter, name, null); // every public call, getters included, as libguestfs's wrappers
        if (_trace)
        {
            TraceLine(name);
            TraceLine(name + " = " + Protocol.TraceFormatter.FormatValue(value));
        }

        return Task.FromResult(value);
    }
}
