#!/usr/bin/env bash
# The soak (issue 18): brings up the local cluster (./cluster.sh up 3, Release), runs bench/Lgsp.Bench.Soak against it
# (mixed load, faults on a schedule; bench/README.md), and takes the cluster down again whatever happens.
#   bench/soak.sh [--duration 20m|60s] [--rate 300] [--clients 3] [--dossier-rate 2] [--steps 3] [--national-rate 0.5]
#   LGSP_CLUSTER_DIR / LGSP_CLUSTER_PORT as for cluster.sh; LGSP_SOAK_HUBS (default 3); LGSP_CLUSTER_NO_BUILD=1 skips the build
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
if [ "${LGSP_CLUSTER_NO_BUILD:-}" != 1 ]; then
  echo "Building the soak (Release)..."
  dotnet build bench/Lgsp.Bench.Soak -c Release -v quiet -nologo
fi
trap './cluster.sh down' EXIT
./cluster.sh up "${LGSP_SOAK_HUBS:-3}"
dotnet bench/Lgsp.Bench.Soak/bin/Release/net10.0/Lgsp.Bench.Soak.dll --repo "$PWD" "$@"
