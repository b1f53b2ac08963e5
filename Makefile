# minzheng — the README's two commands: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
PERSONS ?= 50000
PORT ?= 8080
DB ?= sqlite://minzheng.db

.PHONY: demo test deps web build release lint test-rust test-e2e test-fuzz bench clean

## make demo: build the console and the binary, load the demo district, serve it.
demo: web release
	./target/release/minzheng --db "$(DB)" demo --district 440705 --persons $(PERSONS) --port $(PORT)

## make test: install what is missing, the lints (clippy -D warnings; eslint and vue-tsc in `web`),
## then every test on SQLite and PostgreSQL, then the browser tests, then the schema-driven fuzzing
## of the API (scripts/fuzz-api.sh).
test: deps web
	$(MAKE) lint
	$(MAKE) test-rust
	$(MAKE) test-e2e
	$(MAKE) test-fuzz

deps:
	scripts/install-deps.sh

web: web/node_modules/.package-lock.json
	npm --prefix web run lint
	npm --prefix web run build

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	npm --prefix web ci --no-audit --no-fund

build:
	$(CARGO) build --workspace

## clippy over every crate and test, warnings as errors (the console's eslint and vue-tsc run in `web`)
lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

release:
	$(CARGO) build --release -p minzheng

test-rust:
	scripts/test-rust.sh

test-e2e: build
	scripts/e2e.sh

test-fuzz: build
	scripts/fuzz-api.sh

bench: web release
	scripts/bench.sh
	scripts/bench-assistance.sh
	scripts/bench-verification.sh
	scripts/bench-outreach.sh
	scripts/bench-charity.sh

clean:
	$(CARGO) clean
	rm -rf web/dist web/node_modules
