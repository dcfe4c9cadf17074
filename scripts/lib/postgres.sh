# Starts and stops a throwaway PostgreSQL cluster on a free loopback port, for tests and the
# benchmark. PostgreSQL refuses to run as root, so as root the cluster runs as 'postgres'.
# Sets PG_PORT, PG_DATA and PG_BIN.

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_pg_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  PG_PORT=${PG_PORT:-$(free_port)}
  PG_DATA=$(mktemp -d /tmp/taskforge-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DATA"
  as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync >/dev/null
  # Durability is pointless for a throwaway cluster; these settings make tests faster, not different.
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w start \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_throwaway_postgres() {
  if [[ -n ${PG_DATA:-} && -d $PG_DATA ]]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
}
