#!/usr/bin/env bash
# Every test of the product: formatting, type-check, lint, unit and integration tests (Vitest,
# against the WeChat sandbox over HTTP and a real database), the production
# build, and end-to-end tests in Debian's Chromium (Playwright), with the
# first-load JavaScript budget of every page (tests/e2e/js-budget.bench.ts). When a
# PostgreSQL server can be started here, the database-backed suites run a second
# time against it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  step "Installing Chromium (Debian package)"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium
fi

step "Formatting (prettier --check; npm run format fixes it)"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Run npm run format." >&2; exit 1; }

step "Type-check"
npx next typegen >/dev/null
npx tsc --noEmit

step "Lint"
npx eslint --max-warnings 0 .

step "Build"
npx next build

step "Unit and integration tests (embedded database)"
npx vitest run

step "End-to-end tests and the JavaScript budget (Chromium, embedded database)"
npx playwright test

# --- The same suites against a PostgreSQL server -----------------------------
pg_bin=""
for candidate in "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/createdb" ]; then pg_bin="$candidate"; break; fi
done
if [ -z "$pg_bin" ] && [ "${QRJUMP_SKIP_POSTGRES:-}" != "1" ] && command -v apt-get >/dev/null; then
  step "Installing PostgreSQL (Debian package)"
  if as_root apt-get install -y -q postgresql >/dev/null 2>&1; then
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
  fi
fi
if [ -z "$pg_bin" ] || [ "${QRJUMP_SKIP_POSTGRES:-}" = "1" ]; then
  step "PostgreSQL variant skipped (no PostgreSQL server here)"
  exit 0
fi

step "Starting a throw-away PostgreSQL server"
pg_dir="$(mktemp -d /tmp/qrjump-pg.XXXXXX)"
pg_port="${QRJUMP_PG_PORT:-54329}"
run_pg() {
  # PostgreSQL refuses to run as root: use its own system user when we are root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U qrjump --auth=trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" -l "$pg_dir/log" -w start >/dev/null
cleanup() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U qrjump qrjump_e2e

export TEST_DATABASE_URL="postgres://qrjump@127.0.0.1:$pg_port/postgres"

step "Unit and integration tests (PostgreSQL)"
npx vitest run

step "End-to-end tests (Chromium, PostgreSQL)"
DATABASE_URL="postgres://qrjump@127.0.0.1:$pg_port/qrjump_e2e" npx playwright test
