#!/usr/bin/env bash
# The README's first command: set up the machine, build, and run a real session on a scratch disk.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash eng/setup.sh
dotnet build Guestfs.sln -c Release --nologo -v quiet -clp:ErrorsOnly
if [ -d src/Guestfs.Demo ]; then
  exec dotnet run --project src/Guestfs.Demo -c Release --no-build -- "$@"
fi
echo "demo: the session program (src/Guestfs.Demo) is not built yet; the library built successfully."
