# Sourced by .ci/aot-smoke and .ci/measure-startup: runs the local stand-ins (serve --no-function) and drives one
# upload through a separately started function process. Callers set STANDIN_BASE_PORT, WORK_DIR and REPO_ROOT.

standin_pid=""
function_pid=""

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Builds the local runner once; `dotnet <dll>` (not `dotnet run`) keeps it one process that a signal stops.
build_standins() {
  dotnet build "$REPO_ROOT/src/DescribeFunction.Local" -c Release -nologo -v quiet >"$WORK_DIR/standins-build.log" 2>&1 \
    || { cat "$WORK_DIR/standins-build.log" >&2; return 1; }
}

# Starts the stand-ins on STANDIN_BASE_PORT+1..+4, forwarding finalize events to FUNCTION_PORT, and exports the
# settings they print for a function process.
start_standins() {
  local base=$STANDIN_BASE_PORT
  (cd "$WORK_DIR" && exec dotnet "$REPO_ROOT/src/DescribeFunction.Local/bin/Release/net10.0/DescribeFunction.Local.dll" \
    serve --no-function --no-gallery --forward-to "http://127.0.0.1:$FUNCTION_PORT" \
    --firestore-port $((base + 1)) --describer-port $((base + 2)) --storage-port $((base + 3)) \
    --metadata-port $((base + 4)) --function-port $((base + 5)) >"$WORK_DIR/standins.log" 2>&1) &
  standin_pid=$!
  local deadline=$(( $(date +%s) + 60 ))
  until grep -q 'Press Ctrl+C' "$WORK_DIR/standins.log" 2>/dev/null; do
    if ! kill -0 "$standin_pid" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "The stand-ins did not start:" >&2; tail -n 30 "$WORK_DIR/standins.log" >&2; return 1
    fi
    sleep 0.2
  done
  eval "$(sed -n 's/^ *export \([A-Z_]*=[^ ]*\)$/export \1/p' "$WORK_DIR/standins.log")"
  FIRESTORE_URL="http://$FIRESTORE_EMULATOR_HOST"
  STORAGE_URL="$STORAGE_EMULATOR_HOST"
}

# Starts "$@" as the function on FUNCTION_PORT, in WORK_DIR; sets function_pid and started_ms.
start_function() {
  started_ms=$(now_ms)
  (cd "$WORK_DIR" && PORT=$FUNCTION_PORT exec "$@" >"$WORK_DIR/function.log" 2>&1) &
  function_pid=$!
}

# Waits until the function answers HTTP at all (robots.txt is a 404 by contract); sets listening_ms.
wait_listening() {
  local deadline=$(( $(date +%s) + ${1:-60} ))
  until curl -s -o /dev/null "http://127.0.0.1:$FUNCTION_PORT/robots.txt"; do
    if ! kill -0 "$function_pid" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "The function did not start listening:" >&2; tail -n 30 "$WORK_DIR/function.log" >&2; return 1
    fi
    sleep 0.005
  done
  listening_ms=$(now_ms)
  listening_cpu_ms=$(cpu_ms "$function_pid")
}

# Uploads a sample to the local bucket, which delivers the finalize event to the function.
upload_sample() {
  local file=$1 name=$2 type=$3
  curl -sf -o /dev/null --data-binary "@$file" -H "Content-Type: $type" \
    "$STORAGE_URL/upload/storage/v1/b/local-bucket/o?uploadType=media&name=$name"
}

# Polls the description document until its status is done (returns 0, sets done_ms) or failed / timeout (1).
wait_document_done() {
  local name=$1 deadline=$(( $(date +%s) + ${2:-60} )) doc
  local url="$FIRESTORE_URL/v1/projects/$GOOGLE_CLOUD_PROJECT/databases/(default)/documents/imageDescriptions/$name"
  while [ "$(date +%s)" -le "$deadline" ]; do
    doc=$(curl -s -H 'Authorization: Bearer owner' "$url" || true)
    if grep -q '"status": *{ *"stringValue": *"done"' <<<"$doc"; then
      done_ms=$(now_ms); done_cpu_ms=$(cpu_ms "$function_pid"); return 0
    fi
    if grep -q '"status": *{ *"stringValue": *"failed"' <<<"$doc"; then
      echo "The description failed: $doc" >&2; return 1
    fi
    sleep 0.01
  done
  echo "No done document for $name within the timeout; last answer: ${doc:-none}" >&2
  return 1
}

# CPU time (user + system) the process has used so far, in ms: less sensitive to a busy machine than wall time.
cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; }

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Stops a process started here by its id and waits for it.
stop_pid() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_function() { stop_pid "$function_pid"; function_pid=""; }

stop_all() { stop_function; stop_pid "$standin_pid"; standin_pid=""; }
