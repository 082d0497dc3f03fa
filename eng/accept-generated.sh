#!/usr/bin/env bash
# Regenerates generated/ from idl/: runs the golden tests with GUESTFS_ACCEPT_GENERATED=1, which rewrites every
# generated file and deletes stale ones. Review the result with `git diff generated/` like any code change.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
GUESTFS_ACCEPT_GENERATED=1 dotnet test tests/Guestfs.Generator.Tests/Guestfs.Generator.Tests.csproj -c Release --nologo \
  -v quiet --filter "FullyQualifiedName~GeneratedOutputTests"
find generated -name '*.received' -delete
git status --short generated/ || true
