#!/usr/bin/env bash
# make dev: the whole portal locally with demo data. Uses DATABASE_URL when
# set (with PARVIS_MIGRATE_DATABASE_URL for migrations if the app role cannot
# create tables); otherwise a private PostgreSQL cluster under var/pg.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

WEB_PORT=${PARVIS_WEB_PORT:-3000}
export PARVIS_ADDR=${PARVIS_ADDR:-127.0.0.1:8080}
export PARVIS_PUBLIC_URL=${PARVIS_PUBLIC_URL:-http://localhost:$WEB_PORT}
export PARVIS_MAIL_DRIVER=${PARVIS_MAIL_DRIVER:-dev}
export PARVIS_MAIL_DEV_DIR=${PARVIS_MAIL_DEV_DIR:-$ROOT/var/mail}

for port in "${PARVIS_ADDR##*:}" "$WEB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use (another make dev?). Stop it or set PARVIS_ADDR / PARVIS_WEB_PORT."
  fi
done

bash scripts/tools.sh web

if [ -z "${DATABASE_URL:-}" ]; then
  envs=$(bash scripts/devdb.sh start) || exit 1
  while IFS='=' read -r k v; do export "$k=$v"; done <<<"$envs"
fi

say "building the server"
go build -o bin/parvis ./cmd/parvis
say "migrating and seeding"
bin/parvis migrate
bin/parvis seed --demo

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

bin/parvis serve &
pids+=($!)
(cd web && PARVIS_API_URL="http://$PARVIS_ADDR" exec npx next dev -p "$WEB_PORT") &
pids+=($!)

wait_http "http://$PARVIS_ADDR/api/healthz" 60 || die "the API did not start"
wait_http "http://localhost:$WEB_PORT/connexion" 120 || die "the web app did not start"

cat <<BANNER

  Parvis is running: http://localhost:$WEB_PORT

  Admin   admin@parvis.test    demo-admin-2026    (Studio Démo)
  Client  client@parvis.test   demo-client-2026   (projet « Refonte du site »)
  Emails sent (dev mailbox): http://localhost:$WEB_PORT/dev/mail

  Ctrl-C stops everything.
BANNER
wait
