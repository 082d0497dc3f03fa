#!/usr/bin/env bash
# Recaptures the stock-guestfsd reply corpus that the fast fuzz tests mutate
# (tests/Guestfs.Tests/Hardening/Corpus/*.reply): runs the capture test of the integration tests against the
# fenced stock guestfsd (needs root and the guestfsd package) with GUESTFS_ACCEPT_REPLY_CORPUS=1, which rewrites
# the files. Review with `git diff --stat tests/Guestfs.Tests/Hardening/Corpus`. Without the variable the same
# test only checks that guestfsd still frames its replies as the committed corpus does.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
GUESTFS_ACCEPT_REPLY_CORPUS=1 dotnet test tests/Guestfs.IntegrationTests/Guestfs.IntegrationTests.csproj -c Release --nologo \
  -v quiet --filter "FullyQualifiedName~ReplyCorpusCaptureTests"
ls -l tests/Guestfs.Tests/Hardening/Corpus
