#!/usr/bin/env bash
# Runs every test. Storage tests need a real PostgreSQL server binary (initdb/pg_ctl); the tests start
# and remove their own throw-away cluster. If it is missing, it is installed from Debian's packages.
# The console's browser tests (tests/Lgsp.Console.Tests) need Chromium at /usr/bin/chromium; installed the same way.
# The OpenID Connect conformance pass (tests/oidc-conformance, run by Lgsp.Hub.Tests) needs Node.js and npm; the same.
# Set LGSP_TEST_POSTGRES to a connection string to use an existing server instead,
# and LGSP_TEST_KAFKA to a bootstrap list to run the Kafka tests against a real cluster.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ -z "${LGSP_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing PostgreSQL from Debian packages (needed by the storage tests)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

if ! command -v chromium >/dev/null; then
  echo "Installing Chromium from Debian packages (needed by the console's browser tests)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Node.js and npm from Debian packages (needed by the OpenID Connect conformance pass)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

dotnet test Integration.sln --nologo "$@"
