#!/usr/bin/env bash
# Taskforge's benchmark, in one command: bash bench/run.sh
#
# Builds Release, then for SQLite and for a throwaway PostgreSQL: starts Taskforge on a free
# loopback port, seeds it through the HTTP API, drives each scenario with wrk, and measures
# the same routes on a bare-Kestrel baseline (and, for PostgreSQL, pgbench on a table shaped
# like tasks). Writes bench/results/latest.{json,md,svg}. See bench/README.md.
#
# Every knob has a default that keeps a full run under about ten minutes on 2 cores:
#   BENCH_PROVIDERS="sqlite postgres"  BENCH_DURATION=4 (s per round)  BENCH_ROUNDS=3
#   BENCH_WARMUP=8 (s)  BENCH_CONNECTIONS=16  BENCH_THREADS=1 (wrk threads, pgbench -j)
#   BENCH_TASKS=10000  BENCH_USERS=100  BENCH_TASKS_PER_USER=5  BENCH_STARTS=5
#   BENCH_SCENARIOS="login me get list tagList search patch create"
#   BENCH_KEEP_WORK=1 keeps the temporary directory (raw wrk/pgbench output, server logs).
#   BENCH_APP_DIR=DIR runs DIR/Taskforge.Api instead of publishing src/Taskforge.Api (a prebuilt
#   app, or the stand-in of bench/tools/fake_api.py for testing this script's plumbing).
# Traffic goes to 127.0.0.1 only, and every load phase is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench

PROVIDERS=${BENCH_PROVIDERS:-sqlite postgres}
DURATION=${BENCH_DURATION:-4}
ROUNDS=${BENCH_ROUNDS:-3}
# Warm-up long enough for the JIT's tiering to reach the scenario's code: .NET first runs a method
# unoptimised and recompiles it after ~30 calls, in the background; measured 5 s windows of
# `create` kept speeding up for about 20 s. A server lives far longer than a round.
WARMUP=${BENCH_WARMUP:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
# pgbench's clients for the database alone: by default as many as Taskforge's writers' pool gives
# the server (Database:ConcurrentWrites, twice the processor count). On 2 cores, 4 clients got
# twice the writes a second that 16 did (bench/README.md, step 7).
FLOOR_CLIENTS=${BENCH_FLOOR_CLIENTS:-$((2 * $(nproc)))}
THREADS=${BENCH_THREADS:-1}
TASKS=${BENCH_TASKS:-10000}
USERS=${BENCH_USERS:-100}
TASKS_PER_USER=${BENCH_TASKS_PER_USER:-5}
STARTS=${BENCH_STARTS:-5}
# create runs last: the lists are measured on the seeded rows, not on rows wrk just added.
SCENARIOS=${BENCH_SCENARIOS:-login me get list tagList search patch create}
# BENCH_PROFILE=1: after each Taskforge scenario, one more round under dotnet-trace's CPU
# sampler; the hottest methods go to bench/results/profiles/PROVIDER-SCENARIO.txt.
PROFILE=${BENCH_PROFILE:-0}
DOTNET_TRACE_VERSION=10.0.750501

RESULTS=$BENCH/results
TOOLS=$BENCH/tools
export BENCH_WRK_DIR=$BENCH/wrk

source "$ROOT/scripts/lib/postgres.sh"   # free_port, start_throwaway_postgres, stop_throwaway_postgres

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# ------------------------------------------------------------------ prerequisites
need_packages=()
command -v wrk >/dev/null || need_packages+=(wrk)
command -v curl >/dev/null || need_packages+=(curl)
if [[ $PROVIDERS == *postgres* ]]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
  command -v pgbench >/dev/null || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || need_packages+=(postgresql-contrib)
fi
if ((${#need_packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Please install: ${need_packages[*]} (Debian packages), then run this again." >&2
    exit 1
  fi
  log "installing ${need_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v python3 >/dev/null && command -v dotnet >/dev/null || { echo "python3 and dotnet are required" >&2; exit 1; }

# ------------------------------------------------------------------ work dir and cleanup
WORK=$(mktemp -d /tmp/taskforge-bench.XXXXXX)
mkdir -p "$WORK/raw" "$WORK/logs"
SERVER_PID="" BASELINE_PID="" WATCH_PID=""

stop_pid() {   # stop_pid PID: SIGTERM, then SIGKILL after 10 s; quiet if already gone
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$WATCH_PID"; stop_pid "$BASELINE_PID"; stop_pid "$SERVER_PID"
  [[ -n ${RABBIT_PID:-} ]] && stop_rabbitmq   # the latency section's broker
  stop_throwaway_postgres
  if [[ -d $WORK ]]; then
    # Raw outputs stay readable after the run (bench/results/tmp/ is git-ignored).
    rm -rf "$RESULTS/tmp" && mkdir -p "$RESULTS/tmp" && cp -r "$WORK/raw" "$WORK/logs" "$RESULTS/tmp/" 2>/dev/null || true
    if [[ ${BENCH_KEEP_WORK:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  ((status == 0)) || log "benchmark FAILED (exit $status); raw output and server logs in bench/results/tmp/"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

STARTED=$SECONDS
cat >"$WORK/run.json" <<EOF
{"startedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo -dirty)",
 "cores": $(nproc), "wrkThreads": $THREADS, "connections": $CONNECTIONS, "durationSeconds": $DURATION,
 "rounds": $ROUNDS, "warmupSeconds": $WARMUP, "dotnet": "$(dotnet --version)", "wrk": "$(wrk -v 2>&1 | head -n 1 | awk '{print $2}')",
 "postgres": "$("$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}')",
 "app": "${BENCH_APP_DIR:+prebuilt app from BENCH_APP_DIR=}${BENCH_APP_DIR:-src/Taskforge.Api, Release}"}
EOF

# ------------------------------------------------------------------ build
if [[ -n ${BENCH_APP_DIR:-} ]]; then
  log "using the prebuilt app in $BENCH_APP_DIR (BENCH_APP_DIR); building the baseline"
  ln -s "$(cd "$BENCH_APP_DIR" && pwd)" "$WORK/app"
else
  log "building Release (Taskforge.Api and the baseline)"
  # ReadyToRun, as the container image ships it: precompiled code starts faster and warms sooner.
  dotnet publish "$ROOT/src/Taskforge.Api/Taskforge.Api.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$WORK/app" --nologo -v quiet >"$WORK/logs/publish-app.log" 2>&1 \
    || { cat "$WORK/logs/publish-app.log" >&2; exit 1; }
fi
dotnet publish "$BENCH/Baseline/Taskforge.Bench.Baseline.csproj" -c Release -o "$WORK/baseline" --nologo -v quiet >"$WORK/logs/publish-baseline.log" 2>&1 \
  || { cat "$WORK/logs/publish-baseline.log" >&2; exit 1; }

# ------------------------------------------------------------------ server helpers
# The environment Taskforge runs with; APP_ENV gets the provider's database settings added.
JWT_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
COMMON_ENV=(ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production RateLimiting__Enabled=false
  "Jwt__SigningKey=$JWT_KEY" Jwt__AccessTokenMinutes=240 Logging__LogLevel__Default=Warning DOTNET_NOLOGO=1)
# (Access tokens outlive any run, however long BENCH_DURATION makes it: the default is 15 min.)

wait_ready() {   # wait_ready URL PID: until /health/ready answers 200, at most 60 s
  local url=$1 pid=$2
  for _ in $(seq 600); do
    kill -0 "$pid" 2>/dev/null || { log "the server exited during startup"; return 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true) == 200 ]] && return 0
    sleep 0.1
  done
  log "the server was not ready within 60 s"; return 1
}

start_taskforge() {   # start_taskforge PROVIDER: sets SERVER_PID, PORT, BASE
  local provider=$1
  PORT=$(free_port); BASE=http://127.0.0.1:$PORT
  (cd "$WORK/app" && exec env "${APP_ENV[@]}" ./Taskforge.Api --urls "$BASE") >>"$WORK/logs/taskforge-$provider.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$BASE" "$SERVER_PID" || { tail -n 20 "$WORK/logs/taskforge-$provider.log" >&2; return 1; }
}

start_baseline() {   # start_baseline BODIES_DIR: sets BASELINE_PID, BASELINE_BASE
  local port; port=$(free_port); BASELINE_BASE=http://127.0.0.1:$port
  (cd "$WORK/baseline" && exec env BASELINE_BODIES="$1" ./Taskforge.Bench.Baseline --urls "$BASELINE_BASE") >>"$WORK/logs/baseline.log" 2>&1 &
  BASELINE_PID=$!
  wait_ready "$BASELINE_BASE" "$BASELINE_PID" || { tail -n 20 "$WORK/logs/baseline.log" >&2; return 1; }
}

# ------------------------------------------------------------------ scenarios
# scenario id -> "wrk script|URL path|endpoint in the seed's state.json (empty: always there)"
declare -A SCENARIO=(
  [login]="login.lua|/api/v1/auth/login|"
  [me]="get.lua|/api/v1/users/me|"
  [get]="get_task.lua|/|get"
  [list]="get.lua|/api/v1/tasks?limit=50|list"
  [tagList]="get.lua|/api/v1/tasks?tag=work&limit=50|tagList"
  [search]="search.lua|/api/v1/search?q=plan|search"
  [patch]="patch_task.lua|/|patch"
  [create]="create_task.lua|/api/v1/tasks|create"
)

endpoint_present() {   # endpoint_present STATE_JSON NAME
  [[ -z $2 ]] && return 0
  python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["endpoints"].get(sys.argv[2]) else 1)' "$1" "$2"
}

TIMEFORMAT='%3U %3S'

ensure_alive() {   # ensure_alive PID NAME: stop the run with a clear line if the server died
  kill -0 "$1" 2>/dev/null && return 0
  local status=0
  wait "$1" 2>/dev/null || status=$?
  log "the $2 server (pid $1) is gone, exit status $status; its log is in bench/results/tmp/logs/"
  exit 1
}

run_wrk_scenario() {   # run_wrk_scenario TARGET PROVIDER SCENARIO PID BASE
  local target=$1 provider=$2 scenario=$3 pid=$4 base=$5
  local script path _ before after out
  IFS='|' read -r script path _ <<<"${SCENARIO[$scenario]}"
  local cmd=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 5s --latency -s "$BENCH/wrk/$script"
    -H "Authorization: Bearer $TOKEN" "$base$path")
  log "  $target/$provider $scenario: ${cmd[0]} ${cmd[1]} ${cmd[2]} -d${DURATION}s $path"
  "${cmd[@]}" -d"${WARMUP}s" >"$WORK/raw/$target-$provider-$scenario-warmup.txt" 2>&1
  for round in $(seq "$ROUNDS"); do
    out=$WORK/raw/$target-$provider-$scenario-$round.txt
    ensure_alive "$pid" "$target"
    machine_before=$(python3 "$TOOLS/procstat.py" machine)
    before=$(python3 "$TOOLS/procstat.py" cpu "$pid")
    # bash's `time` gives wrk's own CPU (TIMEFORMAT below), to tell other processes' load apart.
    { time "${cmd[@]}" -d"${DURATION}s" >"$out" 2>&1; } 2>"$out.time"
    ensure_alive "$pid" "$target"
    after=$(python3 "$TOOLS/procstat.py" cpu "$pid")
    machine_after=$(python3 "$TOOLS/procstat.py" machine)
    python3 "$TOOLS/report.py" wrk --work "$WORK" --target "$target" --provider "$provider" --scenario "$scenario" \
      --round "$round" --file "$out" --cpu-before "$before" --cpu-after "$after" \
      --machine-before "$machine_before" --machine-after "$machine_after" --wrk-time "$out.time"
  done
  if [[ $PROFILE == 1 && $target == taskforge ]]; then
    profile_scenario "$provider" "$scenario" "$pid" "${cmd[@]}"
  fi
  # Errors in a measured round: one short, unrecorded round that tallies them by status.
  if grep -qE "Non-2xx|Socket errors" "$WORK/raw/$target-$provider-$scenario-"[0-9]*.txt; then
    out=$WORK/raw/$target-$provider-$scenario-diagnostic.txt
    BENCH_STATUSES=1 "${cmd[@]}" -d"${DURATION}s" >"$out" 2>&1 || true
    python3 "$TOOLS/report.py" diagnostic --work "$WORK" --target "$target" --provider "$provider" \
      --scenario "$scenario" --file "$out"
  fi
}

profile_scenario() {   # profile_scenario PROVIDER SCENARIO PID WRK_COMMAND...
  local provider=$1 scenario=$2 pid=$3; shift 3
  local trace=$WORK/raw/$provider-$scenario.nettrace out=$RESULTS/profiles/$provider-$scenario.txt
  if [[ ! -x $WORK/tools/dotnet-trace ]]; then
    dotnet tool install --tool-path "$WORK/tools" dotnet-trace --version "$DOTNET_TRACE_VERSION" >"$WORK/logs/dotnet-trace-install.log" 2>&1 \
      || { log "  (profile skipped: dotnet-trace did not install, see its log)"; return 0; }
  fi
  log "  profiling $provider $scenario with dotnet-trace (sampled thread stacks)"
  local seconds=$((DURATION + 2))
  "$WORK/tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$seconds")" -o "$trace" \
    >"$WORK/logs/trace-$provider-$scenario.log" 2>&1 </dev/null &
  local tracer=$!
  # The session is live once the trace file exists; load before that would go unrecorded.
  for _ in $(seq 100); do if [[ -s $trace ]]; then break; fi; sleep 0.1; done
  "$@" -d"${DURATION}s" >/dev/null 2>&1 || true
  wait "$tracer" 2>/dev/null || true
  mkdir -p "$RESULTS/profiles"
  {
    echo "# $provider $scenario: where the server's CPU went under wrk ${*:2:3} (dotnet-trace, sampled thread stacks)"
    echo; echo "## exclusive (time in the method itself)"
    "$WORK/tools/dotnet-trace" report "$trace" topN -n 30
    echo; echo "## inclusive (time in the method and what it calls)"
    "$WORK/tools/dotnet-trace" report "$trace" topN -n 60 --inclusive
  } >"$out" 2>&1
}

run_scenarios() {   # run_scenarios TARGET PROVIDER PID BASE STATE_JSON
  local target=$1 provider=$2 pid=$3 base=$4 state=$5 scenario endpoint
  for scenario in $SCENARIOS; do
    IFS='|' read -r _ _ endpoint <<<"${SCENARIO[$scenario]}"
    # The baseline's tag list is the same canned list: Taskforge's tag list is compared with "list".
    [[ $target == kestrel && $scenario == tagList && " $SCENARIOS " == *" list "* ]] && continue
    # Bare Kestrel has no search: search is held to an absolute p99 (and shown beside its "get").
    [[ $target == kestrel && $scenario == search ]] && continue
    if ! endpoint_present "$state" "$endpoint"; then
      log "  $target/$provider $scenario: endpoint missing: skipped"
      python3 "$TOOLS/report.py" skip --work "$WORK" --target "$target" --provider "$provider" --scenario "$scenario" \
        --reason "endpoint missing"
      continue
    fi
    run_wrk_scenario "$target" "$provider" "$scenario" "$pid" "$base"
  done
}

run_baseline() {   # run_baseline STATE_JSON BODIES_DIR: bare Kestrel, once per run
  local bodies=$WORK/baseline-bodies
  mkdir -p "$bodies"
  cp "$BENCH/Baseline/samples/"*.json "$bodies/"
  cp "$2/"*.json "$bodies/" 2>/dev/null || true   # Taskforge's real bodies where it served them
  log "baseline: bare Kestrel replaying $(cd "$2" && ls *.json 2>/dev/null | tr '\n' ' ')from Taskforge, the rest from samples"
  start_baseline "$bodies"
  run_scenarios kestrel none "$BASELINE_PID" "$BASELINE_BASE" "$1"
  stop_pid "$BASELINE_PID"; BASELINE_PID=""
}

run_pgbench() {   # floor measurements on a table shaped like tasks, same connections as wrk
  local db=pgbench_tasks scenario round out
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"
  "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -f "$BENCH/pgbench/schema.sql" >/dev/null
  for scenario in select insert update; do
    local cmd=("$PG_BIN/pgbench" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -h 127.0.0.1 -p "$PG_PORT" -U postgres
      -f "$BENCH/pgbench/$scenario.sql")
    log "  pgbench $scenario: pgbench -n -M prepared -c $CONNECTIONS -j $THREADS -T $DURATION -f bench/pgbench/$scenario.sql"
    "${cmd[@]}" -T "$WARMUP" "$db" >"$WORK/raw/pgbench-$scenario-warmup.txt" 2>&1
    for round in $(seq "$ROUNDS"); do
      out=$WORK/raw/pgbench-$scenario-$round.txt
      mkdir -p "$WORK/pglog/$scenario-$round"
      "${cmd[@]}" -T "$DURATION" -l --log-prefix="$WORK/pglog/$scenario-$round/tx" "$db" >"$out" 2>&1
      python3 "$TOOLS/report.py" pgbench --work "$WORK" --scenario "$scenario" --round "$round" --file "$out" \
        --logs "$WORK/pglog/$scenario-$round/tx*"
      rm -rf "$WORK/pglog/$scenario-$round"
    done
  done
}

# ------------------------------------------------------------------ the database alone
# A create's and a patch's own statements without Taskforge (bench/floor/): the most the database
# gives these writes on this machine, so the report can show the highest ratio Taskforge could
# reach. After the provider's scenarios, with Taskforge stopped, on the seeded data (SQLite: on a
# copy). PostgreSQL: pgbench, as many clients as Taskforge's writers' pool has connections
# (BENCH_FLOOR_CLIENTS), each transaction pipelined as Taskforge sends it; SQLite: one writer (all SQLite
# allows), groups of 8 writes per commit as under Taskforge's group commit.
run_floor() {   # run_floor sqlite|postgres
  local provider=$1 scenario round out owner project ids
  if [[ $provider == sqlite ]]; then
    for scenario in create patch; do
      [[ " $SCENARIOS " == *" $scenario "* ]] || continue
      log "  database alone, $scenario: bench/tools/sqlite_floor.py --scenario $scenario"
      python3 "$TOOLS/sqlite_floor.py" --db "$WORK/sqlite/taskforge.db" --email "$BENCH_EMAIL" --scenario "$scenario" \
        --seconds "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --work "$WORK"
    done
    return 0
  fi
  local psql=("$PG_BIN/psql" -q -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskforge)
  owner=$("${psql[@]}" -v email="$BENCH_EMAIL" <<<"SELECT id FROM users WHERE email = :'email'")
  project=$("${psql[@]}" -v owner="$owner" \
    <<<"SELECT id FROM projects WHERE owner_id = :'owner' AND deleted_at IS NULL ORDER BY created_at LIMIT 1")
  "${psql[@]}" -v owner="$owner" <<<"CREATE TABLE bench_floor_ids AS
    SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM tasks WHERE owner_id = :'owner' AND deleted_at IS NULL;
    ALTER TABLE bench_floor_ids ADD PRIMARY KEY (n);"
  ids=$("${psql[@]}" <<<"SELECT count(*) FROM bench_floor_ids")
  for scenario in create patch; do
    [[ " $SCENARIOS " == *" $scenario "* ]] || continue
    local cmd=("$PG_BIN/pgbench" -n -M prepared -c "$FLOOR_CLIENTS" -j "$THREADS" -h 127.0.0.1 -p "$PG_PORT" -U postgres
      -D "owner=$owner" -D "project=$project" -D "ids=$ids" -f "$BENCH/floor/$scenario.sql")
    log "  database alone, $scenario: pgbench -n -M prepared -c $FLOOR_CLIENTS -j $THREADS -f bench/floor/$scenario.sql"
    "${cmd[@]}" -T "$WARMUP" taskforge >"$WORK/raw/floor-$scenario-warmup.txt" 2>&1
    for round in $(seq "$ROUNDS"); do
      out=$WORK/raw/floor-$scenario-$round.txt
      mkdir -p "$WORK/pglog/floor-$scenario-$round"
      "${cmd[@]}" -T "$DURATION" -l --log-prefix="$WORK/pglog/floor-$scenario-$round/tx" taskforge >"$out" 2>&1
      python3 "$TOOLS/report.py" pgbench --work "$WORK" --target database --scenario "$scenario" --round "$round" \
        --file "$out" --logs "$WORK/pglog/floor-$scenario-$round/tx*"
      rm -rf "$WORK/pglog/floor-$scenario-$round"
    done
  done
  "${psql[@]}" <<<"DROP TABLE bench_floor_ids"
}

# ------------------------------------------------------------------ delivery lag and hub latency
# Issues 7 and 8, after a provider's other measurements, on its seeded database: Taskforge again,
# now with a RabbitMQ broker (ConnectionStrings:RabbitMq) and an SMTP server (Email:Smtp:*), and
# bench/tools/latency.mjs writing while it measures commit -> RabbitMQ publish, commit -> mail at
# the SMTP server and 201 -> SignalR hub client. BENCH_LATENCY=0 skips all of it.
#   BENCH_LATENCY_WRITERS=16  BENCH_LATENCY_RATE=100 (writes/s in the moderate phase)
#   BENCH_LATENCY_SECONDS=20 (moderate phase)  BENCH_LATENCY_SATURATED_SECONDS=10 (unpaced phase)
#   BENCH_LATENCY_REGISTRATIONS=5 (registrations/s, whose welcome mails are timed)
#   BENCH_LATENCY_HUB_CLIENTS=1  BENCH_LATENCY_RABBITMQ=1 (0: no broker, no publish lag)
#   BENCH_LATENCY_SETTLE=120 (s to wait for the events seeding left undelivered)  BENCH_LATENCY_WARMUP=3 (s)
LATENCY=${BENCH_LATENCY:-1}
RABBIT_PID="" RABBIT_URI="" LATENCY_READY=""

latency_prerequisites() {   # node and the peers' packages; rabbitmq-server unless turned off
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    [[ $(id -u) -eq 0 ]] || { log "latency: node and npm are missing: skipped"; return 1; }
    log "latency: installing nodejs npm"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  local dir
  for dir in "$ROOT/tests/node" "$BENCH"; do
    [[ -d $dir/node_modules ]] || (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { log "latency: npm ci in $dir failed: skipped"; return 1; }
  done
  if [[ ${BENCH_LATENCY_RABBITMQ:-1} == 1 ]] && ! command -v rabbitmq-server >/dev/null && [[ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      log "latency: installing rabbitmq-server"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
    else
      log "latency: rabbitmq-server is not installed: publish lag not measured"
    fi
  fi
  return 0
}

start_rabbitmq() {   # a private broker as the integration tests start one: sets RABBIT_PID, RABBIT_URI
  local dir=$WORK/rabbitmq exe=/usr/lib/rabbitmq/bin/rabbitmq-server port dist password
  [[ -x $exe ]] || exe=$(command -v rabbitmq-server) || return 1
  port=$(free_port); dist=$(free_port)
  password=rmq-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  mkdir -p "$dir/log"
  printf 'default_user = taskforge\ndefault_pass = %s\n' "$password" >"$dir/rabbitmq.conf"
  echo '[].' >"$dir/enabled_plugins"; : >"$dir/rabbitmq-env.conf"
  head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/.erlang.cookie"; chmod 400 "$dir/.erlang.cookie"
  # Its own session (setsid): stop_rabbitmq ends the script, the Erlang VM and all they started.
  (cd "$dir" && exec setsid env HOME="$dir" RABBITMQ_NODENAME="taskforge-bench-$$@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand" RABBITMQ_PID_FILE="$dir/rabbitmq.pid" "$exe") >"$WORK/logs/rabbitmq.log" 2>&1 &
  RABBIT_PID=$!
  for _ in $(seq 1200); do
    kill -0 "$RABBIT_PID" 2>/dev/null || { log "latency: rabbitmq-server exited while starting"; tail -n 20 "$WORK/logs/rabbitmq.log" >&2; RABBIT_PID=""; return 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      RABBIT_URI="amqp://taskforge:$password@127.0.0.1:$port/"
      return 0
    fi
    sleep 0.1
  done
  log "latency: rabbitmq-server did not accept connections within 120 s"; stop_rabbitmq; return 1
}

stop_rabbitmq() {   # SIGTERM to the broker's process group (a clean shutdown), SIGKILL after 30 s
  local pid=$RABBIT_PID
  RABBIT_PID=""
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

run_latency() {   # run_latency PROVIDER: writes $WORK/latency-PROVIDER.json
  local provider=$1 smtp_port out=$WORK/latency-$1.json status=0
  if [[ -z $LATENCY_READY ]]; then
    LATENCY_READY=no
    latency_prerequisites || return 0
    LATENCY_READY=yes
    if [[ ${BENCH_LATENCY_RABBITMQ:-1} == 1 ]]; then
      log "latency: starting a private rabbitmq-server"
      start_rabbitmq || log "latency: no broker: publish lag not measured"
    fi
  fi
  [[ $LATENCY_READY == yes ]] || return 0
  smtp_port=$(free_port)
  # Shadows the provider's APP_ENV for start_taskforge: the same server, plus the broker and the relay.
  local APP_ENV=("${APP_ENV[@]}" Email__Smtp__Host=127.0.0.1 "Email__Smtp__Port=$smtp_port"
    ${RABBIT_URI:+"ConnectionStrings__RabbitMq=$RABBIT_URI"})
  log "$provider: delivery lag and hub latency (bench/tools/latency.mjs)"
  start_taskforge "$provider-latency"
  node "$TOOLS/latency.mjs" --base "$BASE" --email "$BENCH_EMAIL" --password "$BENCH_PASSWORD" --smtp-port "$smtp_port" \
    ${RABBIT_URI:+--amqp "$RABBIT_URI"} --provider "$provider" --out "$out" \
    --writers "${BENCH_LATENCY_WRITERS:-16}" --rate "${BENCH_LATENCY_RATE:-100}" --seconds "${BENCH_LATENCY_SECONDS:-20}" \
    --saturated-seconds "${BENCH_LATENCY_SATURATED_SECONDS:-10}" --registration-rate "${BENCH_LATENCY_REGISTRATIONS:-5}" \
    --hub-clients "${BENCH_LATENCY_HUB_CLIENTS:-1}" --settle-seconds "${BENCH_LATENCY_SETTLE:-120}" \
    --warmup-seconds "${BENCH_LATENCY_WARMUP:-3}" 2>"$WORK/logs/latency-$provider.log" || status=$?
  ensure_alive "$SERVER_PID" taskforge
  stop_pid "$SERVER_PID"; SERVER_PID=""
  if ((status != 0)); then
    # A failed measurement is reported as such; the rest of the run stands.
    log "latency: $provider measurement failed (exit $status): $(tail -n 1 "$WORK/logs/latency-$provider.log")"
    python3 -c 'import json,sys; json.dump({"error": sys.argv[2]}, open(sys.argv[1], "w"))' "$out" \
      "$(tail -n 1 "$WORK/logs/latency-$provider.log")"
  fi
}

# ------------------------------------------------------------------ one provider
BASELINE_DONE=0
bench_provider() {   # bench_provider sqlite|postgres
  local provider=$1 state
  APP_ENV=("${COMMON_ENV[@]}")
  case $provider in
    sqlite)
      mkdir -p "$WORK/sqlite"
      APP_ENV+=(Database__Provider=Sqlite "ConnectionStrings__Sqlite=Data Source=$WORK/sqlite/taskforge.db") ;;
    postgres)
      start_throwaway_postgres
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres taskforge
      APP_ENV+=(Database__Provider=Postgres
        "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=taskforge;Pooling=true") ;;
    *) echo "unknown provider $provider" >&2; exit 1 ;;
  esac

  log "$provider: starting Taskforge"
  start_taskforge "$provider"
  python3 "$TOOLS/procstat.py" watch "$SERVER_PID" "$WORK/memory-$provider.json" &
  WATCH_PID=$!

  log "$provider: seeding $TASKS tasks and $USERS other users through the API"
  mkdir -p "$WORK/seed-$provider"
  python3 "$TOOLS/seed.py" seed --base "$BASE" --out "$WORK/seed-$provider" --tasks "$TASKS" --users "$USERS" \
    --tasks-per-user "$TASKS_PER_USER"
  state=$WORK/seed-$provider/state.json
  cp "$state" "$WORK/seed-$provider.json"
  if [[ $provider == postgres ]]; then
    # The statistics autovacuum gathers within its first minute or so, gathered now: the bench
    # measures a server that has run for a while, not a new database's first minute.
    "$PG_BIN/psql" -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskforge -c "ANALYZE"
  fi
  export BENCH_IDS=$WORK/seed-$provider/ids.txt
  export BENCH_EMAIL BENCH_PASSWORD BENCH_LOGIN_USERS=$USERS
  BENCH_EMAIL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["email"])' "$state")
  BENCH_PASSWORD=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "$state")
  TOKEN=$(python3 "$TOOLS/seed.py" login --base "$BASE" --email "$BENCH_EMAIL" --password "$BENCH_PASSWORD")

  if ((BASELINE_DONE == 0)); then
    run_baseline "$state" "$WORK/seed-$provider/bodies"
    BASELINE_DONE=1
  fi

  log "$provider: Taskforge scenarios"
  TOKEN=$(python3 "$TOOLS/seed.py" login --base "$BASE" --email "$BENCH_EMAIL" --password "$BENCH_PASSWORD")
  run_scenarios taskforge "$provider" "$SERVER_PID" "$BASE" "$state"

  stop_pid "$WATCH_PID"; WATCH_PID=""
  stop_pid "$SERVER_PID"; SERVER_PID=""

  if [[ $provider == postgres ]]; then
    log "$provider: pgbench baselines"
    run_pgbench
  fi
  log "$provider: the database alone"
  run_floor "$provider"

  log "$provider: start to ready, $STARTS starts"
  (cd "$WORK/app" && env "${APP_ENV[@]}" python3 "$TOOLS/startup.py" --port "$PORT" --runs "$STARTS" \
    --out "$WORK/startup-$provider.json" -- ./Taskforge.Api --urls "$BASE")

  [[ $LATENCY == 1 ]] && run_latency "$provider"
  [[ $provider == postgres ]] && stop_throwaway_postgres
  return 0
}

for provider in $PROVIDERS; do
  bench_provider "$provider"
done

# ------------------------------------------------------------------ report
python3 "$TOOLS/report.py" report --work "$WORK" --out "$RESULTS"
log "done in $((SECONDS - STARTED)) s: bench/results/latest.md, latest.json, latest.svg"
