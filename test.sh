#!/usr/bin/env bash
# Runs every test. What the tests need from the machine is installed from Debian's packages when it is missing:
# - PostgreSQL server binaries (initdb/pg_ctl): storage tests start and remove their own throw-away cluster;
# - Chromium at /usr/bin/chromium: the console's browser tests (tests/Lgsp.Console.Tests);
# - xmlsec1: the XML-signature interop tests run the reference verifier on the hub's answers;
# - Node.js and npm: the OpenID Connect conformance pass (tests/oidc-conformance, run by Lgsp.Hub.Tests).
# Set LGSP_TEST_POSTGRES to a connection string to use an existing server instead,
# and LGSP_TEST_KAFKA to a bootstrap list to run the Kafka tests against a real cluster.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

updated=""
install() { # install <why> <debian packages...>
  local why="$1"; shift
  echo "Installing $* from Debian packages ($why)..."
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  [ -n "$updated" ] || { $sudo apt-get update -qq; updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if [ -z "${LGSP_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  install "needed by the storage tests" postgresql
fi
command -v chromium >/dev/null || install "needed by the console's browser tests" chromium
command -v xmlsec1 >/dev/null || install "the reference XML-DSig verifier the signing tests run" xmlsec1
{ command -v node >/dev/null && command -v npm >/dev/null; } || install "needed by the OpenID Connect conformance pass" nodejs npm

dotnet test Integration.sln --nologo "$@"
