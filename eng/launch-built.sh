#!/usr/bin/env bash
# Shared body of the launchers (eng/gfish, eng/guestfs-tools, eng/virt-*): builds a project of this checkout when a
# source is newer than its binary, then runs the binary.
#   source eng/launch-built.sh; [LAUNCH_AS=ARGV0] launch_built PROJECT.csproj ASSEMBLY.dll [arguments...]
# With LAUNCH_AS set, the program runs with that argv[0] (exec -a).
launch_built() {
  local root project bin
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  project="$root/$1"
  bin="$(dirname "$project")/bin/Release/net10.0/$2"
  shift 2
  # Any C# source, project or props file (of the program or of the library it references) newer than the binary.
  if [ ! -f "$bin" ] || [ -n "$(find "$root/src" "$root/idl" "$root/generator" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
           \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.x' -o -name '*.actions' \) \
           -not -path '*/obj/*' -not -path '*/bin/*' -newer "$bin" -print -quit 2>/dev/null)" ]; then
    dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >&2 \
      || { echo "$(basename "$0"): build failed" >&2; exit 1; }
  fi
  if [ -n "${LAUNCH_AS:-}" ]; then
    exec -a "$LAUNCH_AS" dotnet "$bin" "$@"
  fi
  exec dotnet "$bin" "$@"
}
