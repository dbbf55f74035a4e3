#!/usr/bin/env bash
# CPU per request in the hub process alone (utime+stime from /proc over the requests wrk saw answered), which the
# load of a shared machine does not distort the way a rate does. Starts a Release hub of its own (SQLite, throw-away
# folder, Development settings, logs at Warning) on 127.0.0.1:18480, loads it with wrk from outside the process, and
# stops it. 10 s of warm-up are not counted. Usage: bench/cpu-per-request.sh [token|me] [seconds] [connections] [hub dll]
#   token  POST /connect/token (client credentials, provincial-portal)   me  GET /api/v1/me with one token
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-token}" seconds="${2:-15}" connections="${3:-32}"
dll="${4:-src/Lgsp.Hub/bin/Release/net10.0/Lgsp.Hub.dll}"
port=18480 dir="$(mktemp -d /tmp/lgsp-cpu-XXXXXX)"
url="http://127.0.0.1:$port"
unset LGSP_PROVINCIAL_PORTAL_SECRET LGSP_NATIONAL_PORTAL_SECRET LGSP_CLI_SECRET

ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" --contentRoot "$PWD/src/Lgsp.Hub" --urls "$url" \
  --Management:Urls "http://127.0.0.1:$((port + 1))" --Storage:Provider Sqlite \
  --Storage:ConnectionString "Data Source=$dir/lgsp.db" --Signing:DevelopmentCertificatePath "$dir/signing.pfx" \
  --Identity:DevelopmentDirectory "$dir/identity" --Identity:AllowInsecureHttp true \
  --Logging:LogLevel:Default Warning >"$dir/hub.log" 2>&1 &
hub=$!
trap 'kill "$hub" 2>/dev/null || true; wait "$hub" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 240); do
  curl -fs "$url/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done

secret="$(sed -n 's/^LGSP_PROVINCIAL_PORTAL_SECRET=//p' "$dir/identity/development.env")"
basic="$(printf 'provincial-portal:%s' "$secret" | base64 -w0)"
body='grant_type=client_credentials&scope=lgsp.population.read'
if [ "$what" = me ]; then
  token="$(curl -fs -H "Authorization: Basic $basic" -d "$body" "$url/connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
  cat >"$dir/load.lua" <<EOF
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $token"
EOF
  path=/api/v1/me
else
  cat >"$dir/load.lua" <<EOF
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Authorization"] = "Basic $basic"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
EOF
  path=/connect/token
fi

cpu() { awk '{print $14 + $15}' "/proc/$hub/stat"; }
# Warm-up (JIT tiers, pools, caches), then the background recompilation it set off is left to finish, measured:
# a hub just started and left alone uses about 1 tick in 15 s, so what the pause costs is the warm-up's tail.
wrk -t2 -c"$connections" -d10s -s "$dir/load.lua" "$url$path" >/dev/null
idle0="$(cpu)"; sleep 5; idle="$(( $(cpu) - idle0 ))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before="$(cpu)"
out="$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$dir/load.lua" "$url$path")"
after="$(cpu)"
requests="$(echo "$out" | awk '/requests in/ {print $1}')"
non2xx="$(echo "$out" | awk '/Non-2xx/ {print $5}')"
ticks="$(getconf CLK_TCK)"
echo "$out" | grep -E "Requests/sec|Latency|Non-2xx" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v b="$before" -v a="$after" -v i="$idle" -v n="$requests" -v t="$ticks" -v w="$what" -v bad="${non2xx:-0}" 'BEGIN {
  printf "%s: %d requests (%d not 2xx), hub CPU %.2f s, %.3f ms CPU per request (warm-up tail: %.2f s over 5 s)\n",
    w, n, bad, (a - b) / t, (a - b) / t * 1000 / n, i / t }'
