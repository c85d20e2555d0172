#!/usr/bin/env bash
# `make bench`: release build, a generated database (three campaigns of 20 variants each and
# COLD_USERS users with real profiles), `assetscore serve` on loopback, wrk against /v1/decide
# and /healthz (the baseline) side by side. Two decide runs: "repeat" rotates USERS user ids
# over the campaigns after a warm-up (Braze asking again per message part: answers come from
# the cache), "fresh" rotates all COLD_USERS ids so nearly every request is scored anew.
# A last "fresh, saturated" run uses four times the connections: on 2 cores shared with wrk that
# measures queueing at saturation, so it is shown but not judged. CONNECTIONS=8 already offers
# more than the 10,000 decisions/s the target asks for.
# Knobs (environment): PORT, THREADS (server pool), CONNECTIONS, WRK_THREADS, DURATION, USERS,
# COLD_USERS.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18765}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-1}
DURATION=${DURATION:-10s}
USERS=${USERS:-2000}
COLD_USERS=${COLD_USERS:-100000}
export TOKEN=bench-token

command -v wrk >/dev/null || { echo "bench: wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
swift build -c release --product assetscore >/dev/null
BIN=.build/release/assetscore
WORK=$(mktemp -d)
DB=$WORK/bench.db
"$BIN" --db "$DB" generate --assets 60 --campaigns 3 --users "$COLD_USERS" >/dev/null
export CAMPAIGNS USER_FORMAT=user-%06d
CAMPAIGNS=$("$BIN" --db "$DB" campaign list --json | tr -d ' \n' | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | paste -sd,)

XDG_CONFIG_HOME=$WORK ASSETSCORE_API_TOKENS=$TOKEN "$BIN" --db "$DB" serve --port "$PORT" --threads "$THREADS" >"$WORK/serve.log" 2>&1 &
SERVER=$!
cleanup() { kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
head -1 "$WORK/serve.log"

run() { # script url [connections] -> RESULT line
  wrk -t"$WRK_THREADS" -c"${3:-$CONNECTIONS}" -d"$DURATION" --timeout 2s -s "scripts/bench/$1" "$2" | grep '^RESULT' || true
}
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }

# Warm-up: fills the decision cache for every user and campaign the measured run asks for.
USERS=$USERS wrk -t1 -c8 -d3s -s scripts/bench/decide.lua "http://127.0.0.1:$PORT" >/dev/null
DECIDE=$(USERS=$USERS run decide.lua "http://127.0.0.1:$PORT")
HEALTH=$(run healthz.lua "http://127.0.0.1:$PORT/healthz")
COLD=$(USERS=$COLD_USERS run decide.lua "http://127.0.0.1:$PORT")
SATURATED=$(USERS=$COLD_USERS run decide.lua "http://127.0.0.1:$PORT" $((CONNECTIONS * 4)))
# Server-side time per decide request (from the end of the request to the queued response),
# from the service's own histogram: what the service costs, without wrk's share of the 2 cores.
SERVER_P99=$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '
  /^assetscore_http_request_duration_seconds_bucket\{route="\/v1\/decide",method="GET",status="200"/ {
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); n++; les[n] = le; counts[n] = $NF }
  END { total = counts[n]; for (i = 1; i <= n; i++) if (counts[i] >= 0.99 * total) { print les[i]; exit } }')

rate() { awk -v r="$(field requests "$1")" -v d="$(field duration_us "$1")" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$(field "$2" "$1")" 'BEGIN { printf "%.2f", u / 1000 }'; }
D_RATE=$(rate "$DECIDE"); H_RATE=$(rate "$HEALTH")
C_RATE=$(rate "$COLD")
S_RATE=$(rate "$SATURATED")
line() { printf '%-20s %12s %10s %10s %8s %8s\n' "$@"; }
echo
line "endpoint" "requests/s" "p50 ms" "p99 ms" "errors" "non-2xx"
line "/v1/decide repeat" "$D_RATE" "$(ms "$DECIDE" p50_us)" "$(ms "$DECIDE" p99_us)" "$(field socket_errors "$DECIDE")" "$(field non2xx "$DECIDE")"
line "/v1/decide fresh" "$C_RATE" "$(ms "$COLD" p50_us)" "$(ms "$COLD" p99_us)" "$(field socket_errors "$COLD")" "$(field non2xx "$COLD")"
line "  saturated (x4 conn)" "$S_RATE" "$(ms "$SATURATED" p50_us)" "$(ms "$SATURATED" p99_us)" "$(field socket_errors "$SATURATED")" "$(field non2xx "$SATURATED")"
line "/healthz" "$H_RATE" "$(ms "$HEALTH" p50_us)" "$(ms "$HEALTH" p99_us)" "$(field socket_errors "$HEALTH")" "$(field non2xx "$HEALTH")"
awk -v d="$D_RATE" -v c="$C_RATE" -v h="$H_RATE" 'BEGIN { printf "\ndecisions/s vs healthz: repeat %.2f, fresh %.2f\n", d / h, c / h }'
echo "server-side p99 of GET /v1/decide over all runs (histogram bucket): <= ${SERVER_P99:-?} s"
verdict() { [ "$1" -ge 10000 ] && [ "$2" -lt 10000 ] && echo met || echo NOT met; }
echo "target >= 10000 decisions/s and p99 < 10 ms: repeat $(verdict "$D_RATE" "$(field p99_us "$DECIDE")"), fresh $(verdict "$C_RATE" "$(field p99_us "$COLD")")"
echo "(server: $THREADS threads; wrk on the same 2 cores: $WRK_THREADS thread, $CONNECTIONS connections, $DURATION each;"
echo " repeat: $USERS user ids x 3 campaigns after a 3 s warm-up; fresh: $COLD_USERS user ids x 3 campaigns of 20 variants)"
