#!/usr/bin/env bash
# A local cluster of the LGSP hub (issue 18): N hub processes (the Release build, each with its own content root, data
# folder and ports) behind nginx, on one throw-away PostgreSQL cluster and the librdkafka mock cluster (3 brokers, its
# own process: bench/Lgsp.KafkaMock), with the stand-in upstream systems (src/Lgsp.Sandbox). The hubs get the same
# binaries and settings files a deployment gets; only addresses and file locations differ, given on the command line.
#
#   ./cluster.sh up [N]        start N hubs (default 3) and everything around them; prints the URLs
#   ./cluster.sh status        what runs, each hub's /health/ready
#   ./cluster.sh down          stop everything `up` started (pid files in the run folder) and remove the database
#   ./cluster.sh kill <i>      SIGKILL hub i (a crash);  ./cluster.sh term <i>: SIGTERM (graceful stop)
#   ./cluster.sh start <i>     start hub i again (same database, folder and ports); waits until it is ready
#   ./cluster.sh restart-postgres   stop PostgreSQL (fast mode) and start it again
#   ./cluster.sh kafka <down|up>    take every Kafka broker down, or bring them back
#   ./cluster.sh verify <i>    message-log verify with hub i's settings and its checkpoints file (exit code as the hub's)
#
#   LGSP_CLUSTER_DIR   the run folder (pid files, logs, data); default .cluster at the repository's root
#   LGSP_CLUSTER_PORT  the first of the ports used (default 18400): nginx on it, the sandbox on +1 (HTTP/1.1) and +2
#                      (h2c), the Kafka mock's control port on +3, PostgreSQL on +4, hub i on +10+i, its management
#                      endpoint on +40+i (so at most 29 hubs)
#   LGSP_CLUSTER_NO_BUILD  1: use what is built without building first
#   LGSP_CLUSTER_CONFIGURATION  the build to run, Release by default (the CI test runs the Debug build it has)
set -euo pipefail
cd "$(dirname "$0")"
REPO="$PWD"
RUN="${LGSP_CLUSTER_DIR:-$REPO/.cluster}"
BASE="${LGSP_CLUSTER_PORT:-18400}"
CONFIGURATION="${LGSP_CLUSTER_CONFIGURATION:-Release}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

LB_PORT=$BASE SANDBOX_PORT=$((BASE + 1)) SANDBOX_GRPC_PORT=$((BASE + 2)) KAFKA_CONTROL_PORT=$((BASE + 3)) PG_PORT=$((BASE + 4))
LB_URL="http://127.0.0.1:$LB_PORT"
SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
SANDBOX_GRPC_URL="http://127.0.0.1:$SANDBOX_GRPC_PORT"
KAFKA_CONTROL="127.0.0.1:$KAFKA_CONTROL_PORT"
HUB_DLL="$REPO/src/Lgsp.Hub/bin/$CONFIGURATION/net10.0/Lgsp.Hub.dll"
SANDBOX_DLL="$REPO/src/Lgsp.Sandbox/bin/$CONFIGURATION/net10.0/Lgsp.Sandbox.dll"
KAFKA_DLL="$REPO/bench/Lgsp.KafkaMock/bin/$CONFIGURATION/net10.0/Lgsp.KafkaMock.dll"
SHARED="$RUN/shared"   # what every instance of a deployment shares: keys, certificates, the identity folder
hub_port() { echo $((BASE + 10 + $1)); }
management_port() { echo $((BASE + 40 + $1)); }

# The upstreams' fake development credentials (as run.sh gives them), never a secret from the caller's shell.
export ASPNETCORE_ENVIRONMENT=Development
export LGSP_BUSINESS_CREDENTIALS='{"consumerKey":"sandbox-business-consumer-key","consumerSecret":"sandbox-business-consumer-secret-NOT-A-SECRET"}'
export LGSP_INSURANCE_CREDENTIALS='{"AccessKey":"sandbox-bhxh-access-key","SecretKey":"sandbox-bhxh-secret-key-NOT-A-SECRET","AppName":"lgsp-sandbox","PartnerCode":"LGSPSANDBOX"}'
export LGSP_POPULATION_CREDENTIALS='{"AccessKey":"sandbox-bhxh-access-key","SecretKey":"sandbox-bhxh-secret-key-NOT-A-SECRET","AppName":"lgsp-sandbox","PartnerCode":"LGSPSANDBOX","Officers":{"CB-0042":{"KeyName":"sandbox-officer-0042","KeyPass":"sandbox-officer-0042-pass-NOT-A-SECRET"},"CB-0077":{"KeyName":"sandbox-officer-0077","KeyPass":"sandbox-officer-0077-pass-NOT-A-SECRET"}}}'
export LGSP_DVCQG_CREDENTIALS='{"clientId":"sandbox-dvcqg-client","clientSecret":"sandbox-dvcqg-secret-NOT-A-SECRET","username":"sandbox-dvcqg-user","password":"sandbox-dvcqg-password-NOT-A-SECRET"}'
export LGSP_PROVINCIAL_CREDENTIALS='{"username":"lgsp-dongbo","password":"sandbox-motcua-password-NOT-A-SECRET"}'
export LGSP_DVCLT_CREDENTIALS='{"userName":"lgsp-lienthong","password":"sandbox-dvclt-password-NOT-A-SECRET"}'
export LGSP_CIVILREGISTRY_API_KEY=sandbox-civilregistry-api-key-NOT-A-SECRET
export LGSP_NATIONAL_IDENTITY_SECRET=sandbox-dev-secret-not-for-production
unset LGSP_PROVINCIAL_PORTAL_SECRET LGSP_NATIONAL_PORTAL_SECRET LGSP_CLI_SECRET LGSP_MESSAGE_LOG_KEY

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -1 | xargs dirname; }

install() { # install <why> <debian packages...>, as test.sh does
  local why="$1"; shift
  echo "Installing $* from Debian packages ($why)..."
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# start <name> <working folder> <command...>: in its own session (Ctrl+C in this shell does not reach it), output in
# <name>.log, pid in <name>.pid.
start() {
  local name="$1" dir="$2"; shift 2
  (cd "$dir" && exec setsid "$@" >"$RUN/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN/$name.pid"
}

wait_for() { # wait_for <url> <what> <pid name>
  for _ in $(seq 1 240); do
    if curl -fsS --max-time 5 -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! alive "$3"; then echo "$2 exited:" >&2; tail -30 "$RUN/$3.log" >&2; return 1; fi
    sleep 0.25
  done
  echo "Timed out waiting for $2 at $1" >&2; tail -30 "$RUN/$3.log" >&2; return 1
}

hub_args() { # the command line of hub i: only addresses and file locations
  local i="$1" connection bootstrap
  connection="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=lgsp;Maximum Pool Size=50"
  bootstrap="$(cat "$RUN/kafka.bootstrap")"
  printf '%s\n' "$HUB_DLL" --contentRoot "$RUN/hub-$i" --ConfigDirectory "$REPO/config" \
    --urls "http://127.0.0.1:$(hub_port "$i")" --Management:Urls "http://127.0.0.1:$(management_port "$i")" \
    --Storage:Provider Postgres --Storage:ConnectionString "$connection" \
    --Signing:CertificatePath "$SHARED/signing.pem" --Signing:PrivateKeyPath "$SHARED/signing.key" \
    --Identity:DevelopmentDirectory "$SHARED/identity" --Identity:AllowInsecureHttp true --Identity:Issuer "$LB_URL/" \
    --Identity:Federation:NationalPortal:Issuer "$SANDBOX_URL/xacthuc/" \
    --Gateway:MessageLog:DevelopmentKeyPath "$SHARED/message-log-key" \
    --Gateway:MessageLog:Checkpoints:FilePath "$RUN/hub-$i/message-log-checkpoints.jsonl" \
    --Kafka:BootstrapServers "$bootstrap" \
    --Sandbox:BaseUrl "$SANDBOX_URL" \
    --Adapters:Business:BaseUrl "$SANDBOX_URL/" --Adapters:Insurance:BaseUrl "$SANDBOX_URL/" \
    --Adapters:Population:BaseUrl "$SANDBOX_URL/" --Adapters:CivilRegistry:BaseUrl "$SANDBOX_URL/" \
    --Adapters:Land:BaseUrl "$SANDBOX_GRPC_URL/" \
    --Adapters:Population:TrustedCertificatePath "$SHARED/population-sandbox.pem" \
    --Adapters:Dvcqg:BaseUrl "$SANDBOX_URL/dvcqg/" --Adapters:Provincial:BaseUrl "$SANDBOX_URL/motcua/" \
    --Adapters:Dvclt:BaseUrl "$SANDBOX_URL/dvclt/" \
    --Logging:LogLevel:Default Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime Information \
    --Logging:Console:FormatterName simple
}

start_hub() { # start_hub <i>: its own content root (the appsettings files of the build) and data folder
  local i="$1" bin
  bin="$(dirname "$HUB_DLL")"
  mkdir -p "$RUN/hub-$i"
  cp "$bin"/appsettings*.json "$RUN/hub-$i/"
  mapfile -t args < <(hub_args "$i")
  start "hub-$i" "$RUN/hub-$i" dotnet "${args[@]}"
}

hub_count() { cat "$RUN/hubs" 2>/dev/null || echo 0; }

# The load balancer's view of the hubs: nginx's own passive checks (max_fails: a refused connection, a timeout or a
# 502/503/504 takes the hub out for fail_timeout and the request goes to the next one) plus the health watcher below,
# which probes each hub's /health/ready and marks a hub that is not ready `down` (open-source nginx has no active checks).
write_upstreams() { # write_upstreams <ready flags, one per hub: 1 or 0>
  local i=1 line=""
  for flag in "$@"; do
    line+="  server 127.0.0.1:$(hub_port "$i") max_fails=1 fail_timeout=5s$([ "$flag" = 1 ] || echo " down");"$'\n'
    i=$((i + 1))
  done
  printf 'upstream lgsp_hubs {\n%s  keepalive 64;\n}\n' "$line" >"$RUN/nginx/upstreams.conf.tmp"
  mv "$RUN/nginx/upstreams.conf.tmp" "$RUN/nginx/upstreams.conf"
}

write_nginx_conf() {
  local prefix="$RUN/nginx"
  mkdir -p "$prefix/temp"
  chmod 755 "$RUN"; chmod 777 "$prefix" "$prefix/temp"   # root's workers run as nobody
  cat >"$prefix/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $prefix/temp/body;
  proxy_temp_path $prefix/temp/proxy;
  fastcgi_temp_path $prefix/temp/fastcgi;
  uwsgi_temp_path $prefix/temp/uwsgi;
  scgi_temp_path $prefix/temp/scgi;
  client_max_body_size 8m;
  include $prefix/upstreams.conf;
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://lgsp_hubs;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
CONF
}

health_watcher() { # runs in the background: probes every hub's /health/ready every second, reloads nginx on a change
  local last=""
  while true; do
    local flags=() n
    n="$(hub_count)"
    for i in $(seq 1 "$n"); do
      if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$(hub_port "$i")/health/ready" 2>/dev/null; then flags+=(1); else flags+=(0); fi
    done
    # None ready (Kafka away makes every hub unready at once): keep them all in, as a load balancer's panic mode
    # does; nginx's passive checks still skip a hub that refuses connections.
    if [ "$n" -gt 0 ] && [[ " ${flags[*]} " != *" 1 "* ]]; then flags=(); for _ in $(seq 1 "$n"); do flags+=(1); done; fi
    if [ "${flags[*]}" != "$last" ]; then
      write_upstreams "${flags[@]}"
      alive nginx && nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -e "$RUN/nginx/error.log" -s reload 2>>"$RUN/health-watcher.log" || true
      echo "$(date -u +%T) ready: ${flags[*]}" >>"$RUN/health-watcher.log"
      last="${flags[*]}"
    fi
    sleep 1
  done
}

up() {
  local n="${1:-3}"
  if [ -f "$RUN/hubs" ]; then echo "A cluster is already up in $RUN (./cluster.sh down first)." >&2; exit 1; fi
  [ -n "$(pg_bin)" ] || install "the cluster's PostgreSQL" postgresql
  command -v nginx >/dev/null || install "the cluster's load balancer" nginx-light
  if [ "${LGSP_CLUSTER_NO_BUILD:-}" != 1 ]; then
    echo "Building ($CONFIGURATION)..."
    for project in src/Lgsp.Hub src/Lgsp.Sandbox bench/Lgsp.KafkaMock; do dotnet build "$project" -c "$CONFIGURATION" -v quiet -nologo; done
  fi
  mkdir -p "$RUN" "$SHARED"
  echo "$n" >"$RUN/hubs"
  trap 'echo "up failed; stopping what was started" >&2; down' ERR

  # PostgreSQL: a throw-away cluster as the tests make one (fsync on: the soak restarts it).
  local pgdata bin
  bin="$(pg_bin)"
  pgdata="$(mktemp -d /tmp/lgsp-cluster-pg-XXXXXX)"
  echo "$pgdata" >"$RUN/postgres.dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
  as_postgres "$bin/initdb" -D "$pgdata/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$RUN/postgres-initdb.log"
  pg_start
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres lgsp

  # Kafka: the mock cluster in its own process; the hubs get the bootstrap list it prints.
  start kafka "$RUN" dotnet "$KAFKA_DLL" --brokers 3 --control "$KAFKA_CONTROL" --bootstrap-file "$RUN/kafka.bootstrap"
  wait_for "http://$KAFKA_CONTROL/bootstrap" "the Kafka mock" kafka

  # Shared by every instance, as a deployment's secrets are: the packet-signing key, the identity folder (token and
  # Data Protection certificates, development client secrets), the message-log key.
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=LGSP hub (local cluster)" \
    -addext keyUsage=critical,digitalSignature -keyout "$SHARED/signing.key" -out "$SHARED/signing.pem" 2>/dev/null

  # Hub 1 first: it migrates the database and derives the development secrets the others and the sandbox read.
  start_hub 1
  wait_for "http://127.0.0.1:$(hub_port 1)/health/ready" "hub 1" hub-1
  LGSP_NATIONAL_PORTAL_SECRET="$(sed -n 's/^LGSP_NATIONAL_PORTAL_SECRET=//p' "$SHARED/identity/development.env")"
  export LGSP_NATIONAL_PORTAL_SECRET
  for i in $(seq 2 "$n"); do start_hub "$i"; done

  write_nginx_conf
  local flags=(); for _ in $(seq 1 "$n"); do flags+=(1); done
  write_upstreams "${flags[@]}"
  start nginx "$RUN" nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -e "$RUN/nginx/error.log"
  start sandbox "$RUN" dotnet "$SANDBOX_DLL" --contentRoot "$(dirname "$SANDBOX_DLL")" \
    --Kestrel:Endpoints:Http:Url "$SANDBOX_URL" \
    --Kestrel:Endpoints:Grpc:Url "$SANDBOX_GRPC_URL" --Kestrel:Endpoints:Grpc:Protocols Http2 \
    --Sandbox:NationalIdentity:ClientSecret "$LGSP_NATIONAL_IDENTITY_SECRET" \
    --Sandbox:NationalIdentity:RedirectUris:2 "$LB_URL/callback/login/national-portal" \
    --Sandbox:NationalPortal:HubBaseUrl "$LB_URL/" --Logging:LogLevel:Default Warning
  wait_for "$SANDBOX_URL/health" "the sandbox" sandbox
  curl -fsS "$SANDBOX_URL/_sandbox/population/certificate" -o "$SHARED/population-sandbox.pem"
  for i in $(seq 2 "$n"); do wait_for "http://127.0.0.1:$(hub_port "$i")/health/ready" "hub $i" "hub-$i"; done
  wait_for "$LB_URL/health/ready" "nginx" nginx
  health_watcher >/dev/null 2>&1 </dev/null &
  echo $! >"$RUN/health-watcher.pid"
  trap - ERR

  cat <<INFO

  LGSP local cluster is up: $n hubs behind nginx (run folder $RUN).
    Load balancer  $LB_URL          (readiness $LB_URL/health/ready)
    Hubs           $(for i in $(seq 1 "$n"); do printf 'http://127.0.0.1:%s ' "$(hub_port "$i")"; done)
    Management     $(for i in $(seq 1 "$n"); do printf 'http://127.0.0.1:%s ' "$(management_port "$i")"; done)
    PostgreSQL     Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=lgsp
    Kafka          $(cat "$RUN/kafka.bootstrap")   (mock cluster; control http://$KAFKA_CONTROL/)
    Stand-ins      $SANDBOX_URL  (faults: $SANDBOX_URL/_sandbox/faults)
    Clients' development secrets: $SHARED/identity/development.env
  ./cluster.sh status | down
INFO
}

pg_start() {
  local pgdata; pgdata="$(cat "$RUN/postgres.dir")"
  as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata/data" -l "$pgdata/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pgdata -c max_connections=300" start >/dev/null
}

pg_stop() { # pg_stop <mode>
  local pgdata; pgdata="$(cat "$RUN/postgres.dir" 2>/dev/null)" || return 0
  [ -f "$pgdata/data/postmaster.pid" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata/data" -m "$1" -w -t 60 stop >/dev/null || true
}

stop_pid() { # stop_pid <name>: SIGTERM, then SIGKILL after 20 s
  local pid
  [ -f "$RUN/$1.pid" ] || return 0
  pid="$(cat "$RUN/$1.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$1.pid"
}

down() {
  [ -d "$RUN" ] || { echo "No cluster in $RUN."; return 0; }
  stop_pid health-watcher
  stop_pid nginx
  for f in "$RUN"/hub-*.pid; do [ -e "$f" ] && stop_pid "$(basename "$f" .pid)"; done
  stop_pid sandbox
  stop_pid kafka
  pg_stop fast
  local pgdata; pgdata="$(cat "$RUN/postgres.dir" 2>/dev/null || true)"
  [ -n "$pgdata" ] && rm -rf "$pgdata"
  rm -rf "$RUN"
  echo "Cluster stopped."
}

status() {
  [ -f "$RUN/hubs" ] || { echo "No cluster in $RUN."; return 1; }
  local name state
  for f in "$RUN"/*.pid; do
    name="$(basename "$f" .pid)"
    if alive "$name"; then state="running (pid $(cat "$f"))"; else state="not running"; fi
    case "$name" in
      hub-*) state+=", ready: $(curl -s --max-time 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(hub_port "${name#hub-}")/health/ready" || true)" ;;
    esac
    printf '  %-15s %s\n' "$name" "$state"
  done
  printf '  %-15s %s\n' postgres "$(as_postgres "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$PG_PORT" 2>&1 || true)"
  printf '  %-15s %s\n' "load balancer" "$LB_URL/health/ready: $(curl -s --max-time 3 -o /dev/null -w '%{http_code}' "$LB_URL/health/ready" || true)"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  status) status ;;
  kill) alive "hub-$2" && kill -KILL "$(cat "$RUN/hub-$2.pid")" ;;
  term) alive "hub-$2" && kill -TERM "$(cat "$RUN/hub-$2.pid")" ;;
  start)
    alive "hub-$2" && { echo "hub $2 is running" >&2; exit 1; }
    LGSP_NATIONAL_PORTAL_SECRET="$(sed -n 's/^LGSP_NATIONAL_PORTAL_SECRET=//p' "$SHARED/identity/development.env")"
    export LGSP_NATIONAL_PORTAL_SECRET
    start_hub "$2"
    wait_for "http://127.0.0.1:$(hub_port "$2")/health/ready" "hub $2" "hub-$2" ;;
  restart-postgres) pg_stop fast; pg_start ;;
  kafka) curl -fsS -d '' "http://$KAFKA_CONTROL/brokers/$2" ;;
  verify)
    mapfile -t args < <(hub_args "$2")
    (cd "$RUN/hub-$2" && dotnet "${args[0]}" message-log verify --certificate "$SHARED/signing.pem" \
      --checkpoints "$RUN/hub-$2/message-log-checkpoints.jsonl" "${args[@]:1}") ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
