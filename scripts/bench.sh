#!/usr/bin/env bash
# `make bench`: release build, the sample database, `assetscore serve` on loopback, wrk against
# /v1/decide (many users, three campaigns) and /healthz (the baseline) side by side.
# Knobs (environment): PORT, THREADS (server pool), CONNECTIONS, WRK_THREADS, DURATION, USERS.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18765}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
DURATION=${DURATION:-10s}
export USERS=${USERS:-2000} TOKEN=bench-token

command -v wrk >/dev/null || { echo "bench: wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
swift build -c release --product assetscore >/dev/null
BIN=.build/release/assetscore
WORK=$(mktemp -d)
DB=$WORK/bench.db
"$BIN" --db "$DB" demo --no-real >/dev/null

XDG_CONFIG_HOME=$WORK ASSETSCORE_API_TOKENS=$TOKEN "$BIN" --db "$DB" serve --port "$PORT" --threads "$THREADS" >"$WORK/serve.log" 2>&1 &
SERVER=$!
cleanup() { kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
head -1 "$WORK/serve.log"

run() { # script url -> RESULT line
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 2s -s "scripts/bench/$1" "$2" | grep '^RESULT' || true
}
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }

# Warm-up: fills the decision cache for every user and campaign the measured run asks for.
wrk -t1 -c8 -d3s -s scripts/bench/decide.lua "http://127.0.0.1:$PORT" >/dev/null
DECIDE=$(run decide.lua "http://127.0.0.1:$PORT")
HEALTH=$(run healthz.lua "http://127.0.0.1:$PORT/healthz")

rate() { awk -v r="$(field requests "$1")" -v d="$(field duration_us "$1")" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$(field "$2" "$1")" 'BEGIN { printf "%.2f", u / 1000 }'; }
D_RATE=$(rate "$DECIDE"); H_RATE=$(rate "$HEALTH")
printf '\n%-12s %12s %10s %10s %8s %8s\n' "endpoint" "requests/s" "p50 ms" "p99 ms" "errors" "non-2xx"
printf '%-12s %12s %10s %10s %8s %8s\n' "/v1/decide" "$D_RATE" "$(ms "$DECIDE" p50_us)" "$(ms "$DECIDE" p99_us)" \
  "$(field socket_errors "$DECIDE")" "$(field non2xx "$DECIDE")"
printf '%-12s %12s %10s %10s %8s %8s\n' "/healthz" "$H_RATE" "$(ms "$HEALTH" p50_us)" "$(ms "$HEALTH" p99_us)" \
  "$(field socket_errors "$HEALTH")" "$(field non2xx "$HEALTH")"
awk -v d="$D_RATE" -v h="$H_RATE" 'BEGIN { printf "\ndecisions/s vs healthz: %.2f\n", d / h }'
P99=$(field p99_us "$DECIDE")
echo "target: >= 10000 decisions/s and p99 < 10 ms on loopback: $([ "$D_RATE" -ge 10000 ] && [ "$P99" -lt 10000 ] && echo met || echo NOT met)"
echo "(server: $THREADS threads; wrk: $WRK_THREADS threads, $CONNECTIONS connections, $DURATION, $USERS user ids x 3 campaigns)"
