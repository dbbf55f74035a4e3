#!/usr/bin/env bash
# Runs the LGSP hub on the embedded default (SQLite under src/Lgsp.Hub/.data) together with the
# stand-in upstream systems (src/Lgsp.Sandbox). Ctrl+C stops both.
#   LGSP_HUB_URL      default http://127.0.0.1:8080
#   LGSP_MANAGEMENT_URL  default http://127.0.0.1:8081 (the management endpoint: /metrics, /docs, /openapi/v1.json)
#   LGSP_SANDBOX_URL  default http://127.0.0.1:8090 (HTTP/1.1: REST and SOAP stand-ins, /_sandbox)
#   LGSP_SANDBOX_GRPC_URL  default http://127.0.0.1:8091 (HTTP/2 without TLS: the gRPC stand-ins, e.g. land)
#   LGSP_BUSINESS_CREDENTIALS  the business registry's consumer key and secret as
#                     {"consumerKey":"…","consumerSecret":"…"}; default: the sandbox's fake development pair
#   LGSP_NATIONAL_IDENTITY_SECRET  the hub's client secret at the national login (DVCQG / VNeID);
#                     default: the sandbox stand-in's fake development secret
#   LGSP_INSURANCE_CREDENTIALS  the BHXH connection's LGSP partner credentials as
#                     {"AccessKey":"…","SecretKey":"…","AppName":"…","PartnerCode":"…","PartnerCodeCus":"…"}; default: the sandbox's fake partner
#   LGSP_POPULATION_CREDENTIALS  the population connection's LGSP partner credentials, same shape, plus the officers'
#                     accounts {"Officers":{"<officer id>":{"KeyName":"…","KeyPass":"…","UserName":"…"}}}; default: the sandbox's fake ones
#   LGSP_DVCQG_CREDENTIALS       DVCQG's gateway client as {"clientId":"…","clientSecret":"…"}; default: the sandbox's fake pair
#   LGSP_PROVINCIAL_CREDENTIALS  the one-stop system's account as {"username":"…","password":"…"}; default: the sandbox's fake one
#   LGSP_DVCLT_CREDENTIALS       the liên thông (DVCLT) account as {"userName":"…","password":"…"}; default: the sandbox's fake one
#   LGSP_CIVILREGISTRY_API_KEY  the civil registry gateway's API key; default: the sandbox's fake development key
#   LGSP_POPULATION_TRUSTED_CERTIFICATE  the population database's signing certificate (PEM) the hub pins;
#                     default: the sandbox's, fetched from /_sandbox/population/certificate into src/Lgsp.Hub/.data/trust
#   LGSP_RUN_NO_BUILD  1: start what is built (Debug) without building first; for a caller that has just built
#                     src/Lgsp.Hub and src/Lgsp.Sandbox, as the README examples' test (tests/Lgsp.Docs.Tests) has
set -euo pipefail
cd "$(dirname "$0")"

HUB_URL="${LGSP_HUB_URL:-http://127.0.0.1:8080}"
MANAGEMENT_URL="${LGSP_MANAGEMENT_URL:-http://127.0.0.1:8081}"
SANDBOX_URL="${LGSP_SANDBOX_URL:-http://127.0.0.1:8090}"
SANDBOX_GRPC_URL="${LGSP_SANDBOX_GRPC_URL:-http://127.0.0.1:8091}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Obviously fake credentials the sandbox's business stand-in accepts by default (never real ones here).
DEV_BUSINESS_CREDENTIALS='{"consumerKey":"sandbox-business-consumer-key","consumerSecret":"sandbox-business-consumer-secret-NOT-A-SECRET"}'
export LGSP_BUSINESS_CREDENTIALS="${LGSP_BUSINESS_CREDENTIALS:-$DEV_BUSINESS_CREDENTIALS}"
DEV_INSURANCE_CREDENTIALS='{"AccessKey":"sandbox-bhxh-access-key","SecretKey":"sandbox-bhxh-secret-key-NOT-A-SECRET","AppName":"lgsp-sandbox","PartnerCode":"LGSPSANDBOX"}'
export LGSP_INSURANCE_CREDENTIALS="${LGSP_INSURANCE_CREDENTIALS:-$DEV_INSURANCE_CREDENTIALS}"
DEV_POPULATION_CREDENTIALS='{"AccessKey":"sandbox-bhxh-access-key","SecretKey":"sandbox-bhxh-secret-key-NOT-A-SECRET","AppName":"lgsp-sandbox","PartnerCode":"LGSPSANDBOX","Officers":{"CB-0042":{"KeyName":"sandbox-officer-0042","KeyPass":"sandbox-officer-0042-pass-NOT-A-SECRET"},"CB-0077":{"KeyName":"sandbox-officer-0077","KeyPass":"sandbox-officer-0077-pass-NOT-A-SECRET"}}}'
export LGSP_POPULATION_CREDENTIALS="${LGSP_POPULATION_CREDENTIALS:-$DEV_POPULATION_CREDENTIALS}"
DEV_DVCQG_CREDENTIALS='{"clientId":"sandbox-dvcqg-client","clientSecret":"sandbox-dvcqg-secret-NOT-A-SECRET","username":"sandbox-dvcqg-user","password":"sandbox-dvcqg-password-NOT-A-SECRET"}'
export LGSP_DVCQG_CREDENTIALS="${LGSP_DVCQG_CREDENTIALS:-$DEV_DVCQG_CREDENTIALS}"
DEV_PROVINCIAL_CREDENTIALS='{"username":"lgsp-dongbo","password":"sandbox-motcua-password-NOT-A-SECRET"}'
export LGSP_PROVINCIAL_CREDENTIALS="${LGSP_PROVINCIAL_CREDENTIALS:-$DEV_PROVINCIAL_CREDENTIALS}"
DEV_DVCLT_CREDENTIALS='{"userName":"lgsp-lienthong","password":"sandbox-dvclt-password-NOT-A-SECRET"}'
export LGSP_DVCLT_CREDENTIALS="${LGSP_DVCLT_CREDENTIALS:-$DEV_DVCLT_CREDENTIALS}"
export LGSP_CIVILREGISTRY_API_KEY="${LGSP_CIVILREGISTRY_API_KEY:-sandbox-civilregistry-api-key-NOT-A-SECRET}"

# The national login: the hub federates to the sandbox's stand-in (issuer under /xacthuc/), which has the hub
# registered with this redirect URI and the same obviously fake development secret.
export LGSP_NATIONAL_IDENTITY_SECRET="${LGSP_NATIONAL_IDENTITY_SECRET:-sandbox-dev-secret-not-for-production}"
NATIONAL_ARGS=(--Identity:Federation:NationalPortal:Issuer "$SANDBOX_URL/xacthuc/")
SANDBOX_ARGS=(--Sandbox:NationalIdentity:ClientSecret "$LGSP_NATIONAL_IDENTITY_SECRET"
  --Sandbox:NationalIdentity:RedirectUris:2 "$HUB_URL/callback/login/national-portal")

# The population database signs its answers and the hub accepts only its pinned certificate. The sandbox's is a
# development certificate it keeps under src/Lgsp.Sandbox/.data and publishes; it is fetched once the sandbox is up
# (the hub reads the file when first needed and again whenever it changes, so it may start meanwhile).
POPULATION_TRUST="${LGSP_POPULATION_TRUSTED_CERTIFICATE:-$PWD/src/Lgsp.Hub/.data/trust/population-sandbox.pem}"

# Every adapter points at its stand-in in the sandbox (config/sources.json has the default ports): REST and SOAP
# sources at the HTTP/1.1 endpoint, gRPC sources at the h2c one.
ADAPTER_ARGS=()
for source in Business Insurance Population CivilRegistry; do
  ADAPTER_ARGS+=("--Adapters:$source:BaseUrl" "$SANDBOX_URL/")
done
for source in Land; do
  ADAPTER_ARGS+=("--Adapters:$source:BaseUrl" "$SANDBOX_GRPC_URL/")
done
ADAPTER_ARGS+=("--Adapters:Population:TrustedCertificatePath" "$POPULATION_TRUST")
# The two sides of dossier status sync, and DVCQG's liên thông pull (birth and death registrations), live under their own prefixes.
ADAPTER_ARGS+=("--Adapters:Dvcqg:BaseUrl" "$SANDBOX_URL/dvcqg/" "--Adapters:Provincial:BaseUrl" "$SANDBOX_URL/motcua/"
  "--Adapters:Dvclt:BaseUrl" "$SANDBOX_URL/dvclt/")

if [ "${LGSP_RUN_NO_BUILD:-}" != 1 ]; then
  echo "Building the hub and the sandbox..."
  dotnet build src/Lgsp.Hub/Lgsp.Hub.csproj -v quiet -nologo
  dotnet build src/Lgsp.Sandbox/Lgsp.Sandbox.csproj -v quiet -nologo
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
# Stopped (Ctrl+C, or a TERM while still starting): stop what was started and end here, never go on starting the rest.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_ready() {
  for _ in $(seq 1 120); do
    if curl -fsS --max-time 5 "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "Timed out waiting for $1" >&2; return 1
}

# The hub starts first: the sandbox's DVCQG hands portal dossiers to it as the national-portal client and needs that
# client's secret, which a development hub derives on its first start (development.env) unless it is set.
dotnet run --no-build --no-launch-profile --project src/Lgsp.Hub -- --urls "$HUB_URL" --Management:Urls "$MANAGEMENT_URL" \
  --Sandbox:BaseUrl "$SANDBOX_URL" "${ADAPTER_ARGS[@]}" "${NATIONAL_ARGS[@]}" &
pids+=($!)
wait_ready "$HUB_URL/health/ready"
creds=src/Lgsp.Hub/.data/identity/development.env
if [ -z "${LGSP_NATIONAL_PORTAL_SECRET:-}" ] && [ -f "$creds" ]; then
  LGSP_NATIONAL_PORTAL_SECRET="$(sed -n 's/^LGSP_NATIONAL_PORTAL_SECRET=//p' "$creds")"
  export LGSP_NATIONAL_PORTAL_SECRET
fi

# Kestrel serves HTTP/2 without TLS (h2c, which gRPC needs) only on an HTTP/2-only endpoint: hence two endpoints.
dotnet run --no-build --no-launch-profile --project src/Lgsp.Sandbox -- \
  --Kestrel:Endpoints:Http:Url "$SANDBOX_URL" \
  --Kestrel:Endpoints:Grpc:Url "$SANDBOX_GRPC_URL" --Kestrel:Endpoints:Grpc:Protocols Http2 "${SANDBOX_ARGS[@]}" \
  --Sandbox:NationalPortal:HubBaseUrl "$HUB_URL/" &
pids+=($!)
wait_ready "$SANDBOX_URL/health"
if [ -z "${LGSP_POPULATION_TRUSTED_CERTIFICATE:-}" ]; then
  mkdir -p "$(dirname "$POPULATION_TRUST")"
  curl -fsS "$SANDBOX_URL/_sandbox/population/certificate" -o "$POPULATION_TRUST.tmp"
  mv "$POPULATION_TRUST.tmp" "$POPULATION_TRUST"
fi

cat <<INFO

  LGSP hub is up (SQLite at src/Lgsp.Hub/.data/lgsp.db).
    Hub            $HUB_URL
    Health         $HUB_URL/health/ready
    API docs       $MANAGEMENT_URL/docs      (OpenAPI: $MANAGEMENT_URL/openapi/v1.json; management endpoint only)
    Metrics        $MANAGEMENT_URL/metrics
    Stand-ins      $SANDBOX_URL        (demo records: $SANDBOX_URL/_sandbox/demo, faults: $SANDBOX_URL/_sandbox/faults)
    gRPC stand-ins $SANDBOX_GRPC_URL        (h2c: land, lgsp.land.v1.LandRecords)
    Population     answers verified against $POPULATION_TRUST
    Dossier sync   DVCQG received: $SANDBOX_URL/_sandbox/dvcqg/received   one-stop received: $SANDBOX_URL/_sandbox/provincial/received
                   a citizen submits on DVCQG: curl -X POST $SANDBOX_URL/_sandbox/dvcqg/submit -H 'content-type: application/json' -d '{"count":1}'

  Operators        console $HUB_URL/console (sign in as LGSP_DEMO_OPERATOR_USERNAME below); API $HUB_URL/admin/v1/adapters;
                   CLI: set -a; . $creds; set +a; dotnet run --project src/Lgsp.Cli -- adapters list
  Single sign-on   $HUB_URL/.well-known/openid-configuration   (sign-in page: $HUB_URL/account/login)
  National login   "Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia / VNeID" on the sign-in page, served by the
                   stand-in at $SANDBOX_URL/xacthuc/; test citizens and businesses, and their one password
                   (ThuNghiem@2026 unless Sandbox:NationalIdentity:DemoPassword says otherwise): $SANDBOX_URL/_sandbox/demo
INFO
if [ -f "$creds" ]; then
  echo "  Demo credentials (development only; \`. $creds\` puts them in your shell):"
  grep -v '^#' "$creds" | sed 's/^/    /'
fi
echo "  Press Ctrl+C to stop."
wait -n "${pids[@]}"
