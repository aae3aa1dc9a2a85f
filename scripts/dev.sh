#!/usr/bin/env bash
# make dev: the whole portal locally with demo data. Uses DATABASE_URL when
# set (with PARVIS_MIGRATE_DATABASE_URL for migrations if the app role cannot
# create tables); otherwise a private PostgreSQL cluster under var/pg, which
# Ctrl-C stops again if this script started it (PARVIS_KEEP_DEVDB=1 keeps it).
# The web app listens on 127.0.0.1 only (PARVIS_WEB_HOST=0.0.0.0 to expose
# it: the demo passwords are published).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

WEB_PORT=${PARVIS_WEB_PORT:-3000}
WEB_HOST=${PARVIS_WEB_HOST:-127.0.0.1}
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

pids=()
devdb_started=""
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$devdb_started" ] && [ -z "${PARVIS_KEEP_DEVDB:-}" ]; then
    say "stopping the private PostgreSQL (PARVIS_KEEP_DEVDB=1 keeps it running)"
    bash scripts/devdb.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/devdb.sh status >/dev/null 2>&1 || devdb_started=1
  envs=$(bash scripts/devdb.sh start) || exit 1
  while IFS='=' read -r k v; do export "$k=$v"; done <<<"$envs"
fi

say "building the server"
go build -o bin/parvis ./cmd/parvis
say "migrating and seeding"
bin/parvis migrate
bin/parvis seed --demo

bin/parvis serve &
pids+=($!)
# peer.cjs sets X-Forwarded-For from the real peer before Next.js reads it.
(cd web && PARVIS_API_URL="http://$PARVIS_ADDR" NODE_OPTIONS="--require=$ROOT/web/gateway/peer.cjs${NODE_OPTIONS:+ $NODE_OPTIONS}" \
  exec npx next dev -H "$WEB_HOST" -p "$WEB_PORT") &
pids+=($!)

wait_http "http://$PARVIS_ADDR/api/healthz" 60 || die "the API did not start"
wait_http "http://localhost:$WEB_PORT/connexion" 120 || die "the web app did not start"

cat <<BANNER

  Parvis is running: http://localhost:$WEB_PORT

  Admin   admin@parvis.test    demo-admin-2026    (Studio Démo)
  Client  client@parvis.test   demo-client-2026   (projet « Refonte du site »)
  Emails sent (dev mailbox): http://localhost:$WEB_PORT/dev/mail

  Listening on $WEB_HOST only (PARVIS_WEB_HOST=0.0.0.0 to expose it; the
  demo passwords above are public). The dev mailbox answers this machine only.
  Ctrl-C stops everything, the private PostgreSQL included when this started it.
BANNER
wait
