#!/usr/bin/env bash
# The production topology of compose.yaml on 127.0.0.1, without a container engine:
# nginx (deploy/nginx/taskforge.conf) in front of two API instances (Workers:Enabled=false),
# Taskforge.Worker, PostgreSQL, Redis and RabbitMQ, from Debian's packages and a Release publish.
#
#   deploy/local/cluster.sh up       start it (installs missing packages when root); prints the URL
#   deploy/local/cluster.sh status   what runs, where
#   deploy/local/cluster.sh down     stop everything and remove its data
#
# Environment: TASKFORGE_CLUSTER_DIR (state directory; default under /tmp, one per checkout),
# TASKFORGE_CLUSTER_PORT (nginx's port; default a free one), TASKFORGE_CLUSTER_WORKERS (default 1),
# TASKFORGE_CLUSTER_NO_BUILD=1 (publish what `dotnet build -c Release` already built).
# Other Taskforge settings in the environment (RateLimiting__..., Jobs__...) reach every process.
set -Eeuo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
state=${TASKFORGE_CLUSTER_DIR:-/tmp/taskforge-cluster-$(printf %s "$repo" | cksum | cut -d' ' -f1)}
start_deadline=${TASKFORGE_CLUSTER_START_SECONDS:-180}

source "$repo/scripts/lib/postgres.sh"

log() { echo "cluster: $*" >&2; }

secret() { python3 -c 'import secrets; print(secrets.token_hex(24))'; }

install_missing() {
  local need=()
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
  command -v redis-server >/dev/null || need+=(redis-server)
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || need+=(rabbitmq-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v curl >/dev/null || need+=(curl)
  ((${#need[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    log "please install: ${need[*]} (Debian packages), then run this again."
    exit 1
  fi
  log "installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

# Starts a command in its own session (so the caller's Ctrl-C or exit does not reach it), with its
# output in logs/NAME.log and its process id in pids/NAME.
spawn() {
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && exec setsid "$@" >"$state/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$state/pids/$name"
}

# The process id in pids/NAME, if that process still runs the program we started (a pid can be reused).
running_pid() {
  local file=$state/pids/$1 pid command
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ -r /proc/$pid/cmdline ]] || return 1
  # A zombie has exited. An empty command line is a process in the middle of an exec (rabbitmq-server
  # execs erl, which execs beam): still the one started, so not taken for one that exited.
  [[ $(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) != Z ]] || return 1
  command=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ -z $command ]] || grep -qF "$(<"$state/pids/$1.match" 2>/dev/null || echo /)" <<<"$command" || return 1
  echo "$pid"
}

remember() { printf %s "$2" >"$state/pids/$1.match"; }

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until "$@" succeeds; fails naming WHAT (and showing the log of NAME) after the deadline or
# when NAME's process has exited.
wait_for() {
  local what=$1 name=$2
  shift 2
  local until=$((SECONDS + start_deadline))
  until "$@"; do
    if ! running_pid "$name" >/dev/null; then
      log "$name exited while starting ($what); its last lines:"
      tail -n 30 "$state/logs/$name.log" >&2 || true
      return 1
    fi
    if ((SECONDS >= until)); then
      log "$what did not happen within $start_deadline s; $name's last lines:"
      tail -n 30 "$state/logs/$name.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

healthy() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1") == 200 ]]; }

up() {
  if [[ -f $state/cluster.env ]] && running_pid nginx >/dev/null; then
    log "already running; state in $state (run 'down' first)"
    exit 1
  fi
  install_missing
  rm -rf "$state"
  mkdir -p "$state"/{logs,pids,secrets,nginx/temp,redis}
  chmod 700 "$state" "$state/secrets"
  trap 'log "start failed; stopping what started"; down >/dev/null 2>&1 || true' ERR

  local nginx_port=${TASKFORGE_CLUSTER_PORT:-$(free_port)}
  local api_ports=("$(free_port)" "$(free_port)")
  local redis_port rabbit_port rabbit_dist_port epmd_port
  rabbit_port=$(free_port)
  rabbit_dist_port=$(free_port)
  epmd_port=$(free_port)

  # Secrets live in files readable by this user only, never in a command line.
  local jwt_key redis_password rabbit_password admin_password
  jwt_key=$(secret)
  redis_password=$(secret)
  rabbit_password=$(secret)
  admin_password=$(secret)

  start_rabbitmq "$rabbit_port" "$rabbit_dist_port" "$epmd_port" "$rabbit_password"
  # A port is picked just before its server binds it and picked again if the bind lost a race:
  # a free port is only free until some other socket (an outgoing connection's ephemeral port,
  # a test's own server) takes it; once redis lost its port while RabbitMQ was starting.
  local attempt
  for attempt in 1 2 3; do
    redis_port=$(free_port)
    start_redis "$redis_port" "$redis_password" && break
    ((attempt < 3)) || return 1
    log "redis: trying again on another port"
  done
  PG_PORT=$(free_port)
  start_throwaway_postgres >&2
  echo "$PG_DATA" >"$state/pids/postgres.data"
  as_pg_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres taskforge

  publish

  # Quoted: connection strings hold ';'.
  cat >"$state/secrets/taskforge.env" <<EOF
ASPNETCORE_ENVIRONMENT='Production'
DOTNET_ENVIRONMENT='Production'
Database__Provider='Postgres'
ConnectionStrings__Postgres='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=taskforge'
ConnectionStrings__Redis='127.0.0.1:$redis_port,password=$redis_password'
ConnectionStrings__RabbitMq='amqp://taskforge:$rabbit_password@127.0.0.1:$rabbit_port/'
Jwt__SigningKey='$jwt_key'
Bootstrap__AdminEmail='admin@taskforge.local'
Bootstrap__AdminPassword='$admin_password'
RateLimiting__TrustedProxies__0='127.0.0.1'
EOF
  chmod 600 "$state/secrets/taskforge.env"

  local i
  for i in 1 2; do
    mkdir -p "$state/api-$i"
    start_app "api-$i" "$state/publish/api/Taskforge.Api.dll" \
      ASPNETCORE_URLS="http://127.0.0.1:${api_ports[i - 1]}" Workers__Enabled=false
  done
  for ((i = 1; i <= ${TASKFORGE_CLUSTER_WORKERS:-1}; i++)); do
    mkdir -p "$state/worker-$i"
    start_app "worker-$i" "$state/publish/worker/Taskforge.Worker.dll"
  done

  for i in 1 2; do
    wait_for "api-$i ready" "api-$i" healthy "http://127.0.0.1:${api_ports[i - 1]}/health/ready"
  done
  for ((i = 1; i <= ${TASKFORGE_CLUSTER_WORKERS:-1}; i++)); do
    wait_for "worker-$i started" "worker-$i" grep -q "Application started" "$state/logs/worker-$i.log"
  done

  start_nginx "$nginx_port" "${api_ports[@]}"
  wait_for "nginx answering" nginx healthy "http://127.0.0.1:$nginx_port/health/ready"

  cat >"$state/cluster.env" <<EOF
TASKFORGE_URL=http://127.0.0.1:$nginx_port
TASKFORGE_API_1_URL=http://127.0.0.1:${api_ports[0]}
TASKFORGE_API_2_URL=http://127.0.0.1:${api_ports[1]}
TASKFORGE_WORKERS=${TASKFORGE_CLUSTER_WORKERS:-1}
TASKFORGE_ADMIN_EMAIL=admin@taskforge.local
TASKFORGE_ADMIN_PASSWORD_FILE=$state/secrets/admin-password
TASKFORGE_STATE=$state
EOF
  printf %s "$admin_password" >"$state/secrets/admin-password"
  chmod 600 "$state/secrets/admin-password"
  trap - ERR
  status
}

publish() {
  local build=()
  [[ ${TASKFORGE_CLUSTER_NO_BUILD:-} == 1 ]] && build=(--no-build)
  log "publishing the API and the worker (Release) ..."
  dotnet publish "$repo/src/Taskforge.Api" -c Release "${build[@]}" -o "$state/publish/api" --nologo -v quiet >&2
  dotnet publish "$repo/src/Taskforge.Worker" -c Release "${build[@]}" -o "$state/publish/worker" --nologo -v quiet >&2
}

# One API instance or worker: its own working directory (data/ for mail files and reports), the
# API's appsettings.json as content root, the shared settings from secrets/taskforge.env.
start_app() {
  local name=$1 dll=$2
  shift 2
  remember "$name" "$dll"
  (
    set -a
    source "$state/secrets/taskforge.env"
    set +a
    for setting in "$@"; do export "${setting?}"; done
    spawn "$name" "$state/$name" dotnet "$dll" --contentRoot "$state/publish/api"
  )
}

start_redis() {
  local port=$1 password=$2
  cat >"$state/redis/redis.conf" <<EOF
bind 127.0.0.1
port $port
requirepass $password
dir $state/redis
save ""
appendonly no
daemonize no
EOF
  chmod 600 "$state/redis/redis.conf"
  remember redis "redis-server"
  spawn redis "$state/redis" redis-server "$state/redis/redis.conf"
  wait_for "redis accepting connections" redis accepts "$port"
}

# As the integration tests run it (tests/.../Infrastructure/RabbitMqServer.cs): a private node
# with its own name, ports, cookie and data, no plugins, and its own epmd so that stopping it
# touches no other node on the machine.
start_rabbitmq() {
  local port=$1 dist_port=$2 epmd_port=$3 password=$4 dir=$state/rabbitmq
  mkdir -p "$dir/mnesia" "$dir/log"
  printf 'default_user = taskforge\ndefault_pass = %s\n' "$password" >"$dir/rabbitmq.conf"
  chmod 600 "$dir/rabbitmq.conf"
  echo '[].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  secret >"$dir/.erlang.cookie"
  chmod 400 "$dir/.erlang.cookie"
  remember epmd "epmd"
  spawn epmd "$dir" env HOME="$dir" epmd -port "$epmd_port" -address 127.0.0.1
  wait_for "epmd accepting connections" epmd accepts "$epmd_port"
  local executable=/usr/lib/rabbitmq/bin/rabbitmq-server
  [[ -x $executable ]] || executable=rabbitmq-server
  remember rabbitmq "rabbitmq"
  spawn rabbitmq "$dir" env HOME="$dir" ERL_EPMD_PORT="$epmd_port" \
    RABBITMQ_NODENAME="taskforge-cluster-$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" "$executable"
  wait_for "rabbitmq accepting connections" rabbitmq accepts "$port"
}

# deploy/nginx/taskforge.conf with loopback ports, inside a main configuration of its own: its
# own prefix, pid file, logs and temporary files under the state directory, in the foreground.
start_nginx() {
  local port=$1 api_1=$2 api_2=$3 dir=$state/nginx
  sed -e "s/api-1:8080/127.0.0.1:$api_1/g" -e "s/api-2:8080/127.0.0.1:$api_2/g" \
    -e "s/listen 80;/listen 127.0.0.1:$port;/" \
    -e "s#/var/log/nginx/access.log#$dir/access.log#" \
    "$repo/deploy/nginx/taskforge.conf" >"$dir/taskforge.conf"
  local user=""
  if [[ $(id -u) -eq 0 ]]; then
    user="user nobody nogroup;"
    chown -R nobody:nogroup "$dir/temp"
  fi
  cat >"$dir/nginx.conf" <<EOF
$user
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/octet-stream;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  include $dir/taskforge.conf;
}
EOF
  local nginx=nginx
  command -v nginx >/dev/null || nginx=/usr/sbin/nginx
  "$nginx" -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
  remember nginx "nginx"
  spawn nginx "$dir" "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
}

stop() {
  local name=$1 pid
  pid=$(running_pid "$name") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local until=$((SECONDS + 30))
  while [[ -d /proc/$pid ]] && ((SECONDS < until)); do sleep 0.1; done
  [[ -d /proc/$pid ]] && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$state/pids/$name"
}

down() {
  [[ -d $state/pids ]] || {
    log "nothing runs from $state"
    return 0
  }
  local name
  stop nginx
  for name in $(cd "$state/pids" && ls -d api-* worker-* 2>/dev/null | grep -v '\.match$' || true); do
    stop "$name"
  done
  # The Erlang VM outlives the script that started it if the script is stopped first.
  if [[ -f $state/rabbitmq/rabbitmq.pid ]]; then
    echo "$(<"$state/rabbitmq/rabbitmq.pid")" >"$state/pids/rabbitmq-vm"
    remember rabbitmq-vm "beam"
    stop rabbitmq-vm
  fi
  stop rabbitmq
  stop epmd
  stop redis
  if [[ -f $state/pids/postgres.data ]]; then
    PG_DATA=$(<"$state/pids/postgres.data")
    stop_throwaway_postgres
  fi
  rm -rf "$state"
  log "stopped; removed $state"
}

status() {
  if [[ ! -f $state/cluster.env ]]; then
    echo "Taskforge cluster: not running (state directory $state)"
    return 1
  fi
  source "$state/cluster.env"
  echo "Taskforge cluster, state in $state"
  echo "  nginx    $TASKFORGE_URL"
  echo "  api-1    $TASKFORGE_API_1_URL"
  echo "  api-2    $TASKFORGE_API_2_URL"
  echo "  admin    $TASKFORGE_ADMIN_EMAIL (password in $TASKFORGE_ADMIN_PASSWORD_FILE)"
  local name pid code=0
  for name in $(cd "$state/pids" && ls | grep -v '\.\(match\|data\)$'); do
    if pid=$(running_pid "$name"); then
      printf '  %-9s running (pid %s), log %s\n' "$name" "$pid" "$state/logs/$name.log"
    else
      printf '  %-9s NOT running, log %s\n' "$name" "$state/logs/$name.log"
      code=1
    fi
  done
  if [[ -f $state/pids/postgres.data ]]; then
    echo "  postgres data $(<"$state/pids/postgres.data")"
  fi
  return $code
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
