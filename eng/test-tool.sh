#!/usr/bin/env bash
# Launches the appliance with our direct backend on a scratch disk and prints a diagnosis
# (host facts, each launch phase with its duration, the typed error and what to do about it).
#   eng/test-tool.sh [--runs N] [--console] [--verbose] [--path DIR] [--kvm-probe] [--append TEXT]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project="$root/eng/test-tool/Guestfs.TestTool.csproj"
dotnet build "$project" -c Release -v quiet -clp:ErrorsOnly --nologo >/dev/null
exec dotnet "$root/eng/test-tool/bin/Release/net10.0/Guestfs.TestTool.dll" "$@"
