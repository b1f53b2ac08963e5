#!/usr/bin/env bash
# Installs what `make test` needs and the machine lacks: Debian's chromium (for Playwright), the
# PostgreSQL server binaries (initdb, pg_ctl), CJK fonts for screenshots, Node.js and npm, and
# schemathesis (pinned, in its own venv) for the API fuzzing of scripts/fuzz-api.sh, and clippy.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || need+=(postgresql)
command -v psql >/dev/null || need+=(postgresql-client)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
command -v npm >/dev/null || need+=(nodejs npm)
command -v python3 >/dev/null || need+=(python3)
# Debian's python3 has no venv/ensurepip without python3-venv
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
# clippy, for `make lint` (a rustup toolchain may come without it)
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# schemathesis for scripts/fuzz-api.sh, pinned, in a venv of its own (the system Python stays as it is)
SCHEMATHESIS_VERSION=4.32.5
venv=${FUZZ_VENV:-$HOME/.cache/minzheng/fuzz-venv}
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
