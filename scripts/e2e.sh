#!/usr/bin/env bash
# Playwright tests of the console in Debian's Chromium against the real server with a fresh demo
# database (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
# the server's "today" is its local date; the browser runs in Asia/Shanghai (playwright.config.ts),
# as a bureau's server does: without this, 00:00–08:00 China time the two disagree on the date
export TZ=Asia/Shanghai
bin=${MZ_BIN:-target/debug/minzheng}
dir=$(mktemp -d /tmp/mz-e2e.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --db "sqlite://$dir/e2e.db" demo --persons 3000 --no-serve
"$bin" --db "sqlite://$dir/e2e.db" serve --port "$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
MZ_BASE_URL="http://127.0.0.1:$port" npm --prefix web run e2e || { echo "--- server log"; tail -50 "$dir/server.log"; exit 1; }
