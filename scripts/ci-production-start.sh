#!/usr/bin/env bash
# CI: a production install starts. Copies the clone's files and the built dist/web into a temporary
# directory, installs with `npm ci --omit=dev` (no vite, no test tools), starts the server on a free
# port with an empty SQLite database and the SMTP mail-in listener on (so every run-time package is
# loaded), waits for /healthz 200, stops it. Fails if any step does.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/web/index.html ]; then
  echo "dist/web is missing: run npm run build first" >&2
  exit 1
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The working tree's tracked files (what a clone has), then the build.
git ls-files -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$work"
mkdir -p "$work/dist"
cp -R dist/web "$work/dist/web"

echo "-- npm ci --omit=dev in $work"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
if [ -e "$work/node_modules/vite" ]; then
  echo "vite is installed by --omit=dev: it must stay a devDependency" >&2
  exit 1
fi

free_port() { node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }
port="$(free_port)"
smtp_port="$(free_port)"

echo "-- npm start on port $port (empty SQLite, PRESIDIO_DEMO=0, mail-in on $smtp_port)"
(
  cd "$work"
  export PORT="$port" HOST=127.0.0.1 DATABASE_URL=sqlite:data/ci.sqlite PRESIDIO_DEMO=0 LOG_LEVEL=warn \
    MAIL_IN_ADDRESS=manutenzione@ateneo.example MAIL_IN_SMTP_PORT="$smtp_port" SLA_WATCH_INTERVAL_SECONDS=0
  exec setsid npm start
) >"$work/server.log" 2>&1 &
server_pid=$!

ok=""
for _ in $(seq 1 120); do
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)" = "200" ]; then ok=1; break; fi
  sleep 0.5
done
if [ -z "$ok" ]; then
  echo "the production install did not answer /healthz 200; server output:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
# The UI is served from the copied build.
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root"' || { echo "no web app at /" >&2; cat "$work/server.log" >&2; exit 1; }
echo "-- /healthz 200 from a production install"
