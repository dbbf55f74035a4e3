#!/usr/bin/env bash
# Dossier status sync (issue #5): single-event and batched ingestion through the hub (durable on PostgreSQL) beside
# pgbench's single-row insert rate in the same run, and end-to-end latency hub → Kafka → DVCQG stand-in at a fixed
# rate (bench/README.md).
#   bench/sync.sh [--seconds 20] [--warmup 3] [--clients 16] [--batch 200] [--rate 1000] [--low-rate 200] [--e2e-seconds 30] [--e2e-dossiers 2000] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "Building (Release)..."
dotnet build src/Lgsp.Hub/Lgsp.Hub.csproj -c Release -v quiet -nologo
dotnet build src/Lgsp.Sandbox/Lgsp.Sandbox.csproj -c Release -v quiet -nologo
dotnet build bench/Lgsp.Bench.Sync/Lgsp.Bench.Sync.csproj -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project bench/Lgsp.Bench.Sync -- "$@"
