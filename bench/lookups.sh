#!/usr/bin/env bash
# Signed business-registry lookups through the hub vs the same upstream calls through a plain nginx reverse proxy,
# in one run, plus the hub's p50/p99 at a fixed 1,000 lookups/s and the land and population rates (bench/README.md).
#   bench/lookups.sh [--seconds 15] [--connections 64] [--rate 1000] [--store sqlite|postgres|both] [--keys es256,rsa2048]
#                    [--nginx-quiet-rate 24801] [--max-runs 3] [--business-only] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  echo "Installing nginx and wrk from Debian packages..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y nginx wrk || { $SUDO apt-get update && $SUDO apt-get install -y nginx wrk; }
fi

echo "Building (Release)..."
dotnet build src/Lgsp.Hub/Lgsp.Hub.csproj -c Release -v quiet -nologo
dotnet build src/Lgsp.Sandbox/Lgsp.Sandbox.csproj -c Release -v quiet -nologo
dotnet build bench/Lgsp.Bench.Lookups/Lgsp.Bench.Lookups.csproj -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project bench/Lgsp.Bench.Lookups -- "$@"
