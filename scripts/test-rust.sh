#!/usr/bin/env bash
# Rust unit and integration tests, on SQLite and on a throw-away PostgreSQL cluster (the
# integration tests run every scenario on both; MZ_REQUIRE_PG makes a missing cluster an error).
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"' EXIT
export MZ_TEST_PG_URL MZ_REQUIRE_PG=1
cargo test --workspace --no-fail-fast -- --test-threads=4
