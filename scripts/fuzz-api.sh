#!/usr/bin/env bash
# Schema-driven fuzzing of the HTTP API (docs/api.md, "Fuzzing the API"): schemathesis reads
# /api/openapi.json of a server on a fresh small demo database (SQLite) and sends each operation
# generated requests as the district officer, checking that no answer is a 5xx and that every
# status code, content type and response body is one the document declares.
#
#   scripts/fuzz-api.sh                 # what `make test` runs
#   FUZZ_EXAMPLES=50 scripts/fuzz-api.sh  # more cases per operation
#   FUZZ_INCLUDE='^/api/v1/charity' scripts/fuzz-api.sh  # one area (a path regex)
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Shanghai
bin=$(realpath -m "${MZ_BIN:-${CARGO_TARGET_DIR:-target}/debug/minzheng}")
venv=${FUZZ_VENV:-$HOME/.cache/minzheng/fuzz-venv}
st="$venv/bin/schemathesis"
[ -x "$st" ] || { echo "schemathesis is missing: run scripts/install-deps.sh" >&2; exit 1; }
[ -x "$bin" ] || { echo "$bin is missing: cargo build -p minzheng" >&2; exit 1; }
examples=${FUZZ_EXAMPLES:-8}
dir=$(mktemp -d /tmp/mz-fuzz.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --db "sqlite://$dir/f.db" demo --persons 1000 --no-serve >"$dir/demo.log" 2>&1 || { tail -20 "$dir/demo.log"; exit 1; }
"$bin" --db "sqlite://$dir/f.db" serve --port "$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/api/v1/health" >/dev/null && break; sleep 0.1; done

# log in once; the session cookie goes with every generated request
cookie=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"district","password":"Minzheng@2026"}' "$base/api/v1/auth/login" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(mz_session=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "login as district failed" >&2; exit 1; }

# Excluded (docs/api.md lists them with the reasons):
#  - POST /auth/logout ends the session every other request rides on;
#  - POST /auth/login: random passwords for real names would slow the demo accounts' logins (the
#    per-name slowdown is the point of the route) and it is covered by the integration tests;
# (there is no password-change route; an account change by the district officer is refused, 403).
exclude='^/api/v1/auth/(logout|login)$'
args=()
[ -n "${FUZZ_INCLUDE:-}" ] && args+=(--include-path-regex "$FUZZ_INCLUDE")
start=$(date +%s)
set +e
# from the scratch folder: schemathesis and hypothesis leave their caches in the working directory
cd "$dir"
"$st" run "$base/api/openapi.json" \
  --url "$base" \
  -H "Cookie: $cookie" -H "X-Requested-With: minzheng" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path-regex "$exclude" "${args[@]}" \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" --seed "${FUZZ_SEED:-20261207}" \
  --workers 2 --request-timeout 30 --no-shrink \
  --suppress-health-check all \
  --report junit --report-dir "$dir/report" \
  --output-truncate false >"$dir/fuzz.log" 2>&1
rc=$?
set -e
cat "$dir/fuzz.log"
echo "fuzzing took $(( $(date +%s) - start )) s"
if grep -q " 500 \| panicked" "$dir/server.log"; then
  echo "--- server log (errors)"; grep -B2 -A5 "internal error\|panicked" "$dir/server.log" | tail -60
fi
exit $rc
