#!/usr/bin/env bash
# The hostile-input suite at full size (tests/Lgsp.Hub.Tests/Hostile): N generated inputs (default 10,000) at every
# public endpoint of a real hub; prints the seed and the counts (tried, refused by code, 5xx, writes after a refusal).
# LGSP_HOSTILE_SEED=<seed> replays a run. Exit status: the test's.
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
LOG=$(mktemp /tmp/lgsp-hostile-XXXXXX.log)
dotnet build tests/Lgsp.Hub.Tests --nologo -v q >"$LOG" 2>&1 || { tail -30 "$LOG"; exit 1; }
LGSP_HOSTILE_INPUTS=$N dotnet test tests/Lgsp.Hub.Tests --no-build --nologo \
  --filter "FullyQualifiedName~Lgsp.Hub.Tests.Hostile.HostileInputsTests" --logger "console;verbosity=detailed" >"$LOG" 2>&1
rc=$?
grep -E '^ *(seed |tried |[a-z0-9_.]+( [0-9]{3})?: [0-9]+$|input #|first violations)' "$LOG" | sed 's/^ *//; s/^\([a-z]\)/  \1/; s/^  \(seed\|tried\|input\|first\)/\1/'
echo "(full output: $LOG)"
exit $rc
