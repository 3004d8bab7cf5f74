# Starting and stopping the servers under test, for Benchmarks/run-all and
# Benchmarks/smoke (sourced, not run). Expects ROOT, NIGHTDESK (the nightdesk
# binary), AGENTS (how many agent tokens to make) and WORK (a scratch folder).

# The config nightdesk-bench needs, shared with the end-to-end bench test.
write_bench_config() {
  cp "$ROOT/Benchmarks/bench.toml" "$WORK/bench.toml"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

SERVER_PID=""
# start_server KIND DIR [CPU]: starts one server (on core CPU if given) with
# 20,000 open files, waits for "listening on", and sets SERVER_PID, URL and
# TOKENS (a file of agent tokens, one a line).
start_server() {
  local kind=$1 dir=$2 cpu=${3:-} port
  port=$(free_port)
  mkdir -p "$dir"
  : > "$dir/tokens"
  case $kind in
    nightdesk)
      mkdir -p "$dir/data"
      for i in $(seq 1 "$AGENTS"); do
        "$NIGHTDESK" agents add "bench$i" --name "Bench $i" --sites demo --capacity 50 \
          --config "$WORK/bench.toml" --data "$dir/data" >> "$dir/tokens" 2>/dev/null
      done
      set -- "$NIGHTDESK" serve --config "$WORK/bench.toml" --data "$dir/data" --host 127.0.0.1 --port "$port" --log-level warning ;;
    node)   set -- env NODE_PATH=/usr/share/nodejs node "$ROOT/Benchmarks/peers/node/relay.js" --port "$port" ;;
    python) set -- "$ROOT/.build/bench-venv/bin/python" "$ROOT/Benchmarks/peers/python/relay.py" --port "$port" ;;
    c)      set -- "$ROOT/.build/peer-c-relay" --port "$port" ;;
    *)      echo "unknown server kind $kind" >&2; return 1 ;;
  esac
  if [ "$kind" != nightdesk ]; then
    # The peers take any token: they measure relaying, not credentials.
    for i in $(seq 1 "$AGENTS"); do echo "peer-token-$i"; done > "$dir/tokens"
  fi
  if [ -n "$cpu" ]; then set -- taskset -c "$cpu" "$@"; fi
  (ulimit -n 20000; exec "$@") > "$dir/server.log" 2>&1 &
  SERVER_PID=$!
  URL="ws://127.0.0.1:$port/ws"
  TOKENS="$dir/tokens"
  for _ in $(seq 1 300); do
    grep -q "listening on" "$dir/server.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "$kind did not start; its log:" >&2
  cat "$dir/server.log" >&2
  stop_server
  return 1
}

# Stops the server start_server started (SIGTERM, then waits for it).
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
