#!/usr/bin/env bash
# Browser tests: the built API and web app against a fresh seeded database,
# Playwright driving Debian's Chromium. Screenshots: web/e2e/artifacts/.
# Arguments go to Playwright, e.g. `bash scripts/e2e.sh e2e/08-gateway.spec.ts`.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ADMIN_URL=$(bash scripts/test-db.sh)
DB="parvis_e2e_$$"
API_ADDR=127.0.0.1:${PARVIS_E2E_API_PORT:-18080}
WEB_PORT=${PARVIS_E2E_WEB_PORT:-13000}
WORK="$ROOT/var/e2e"
rm -rf "$WORK" && mkdir -p "$WORK"

dburl() { python3 - "$ADMIN_URL" "$1" "$2" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); user = sys.argv[3] or (p.username or "postgres")
host = p.hostname + (":%d" % p.port if p.port else "")
print(u.urlunsplit((p.scheme, user + "@" + host, "/" + sys.argv[2], p.query, "")))
PY
}

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$ADMIN_URL" -qtAc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

psql "$ADMIN_URL" -qtAc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL=$(dburl "$DB" parvis_app) PARVIS_MIGRATE_DATABASE_URL=$(dburl "$DB" "")
export PARVIS_ADDR=$API_ADDR PARVIS_PUBLIC_URL=http://localhost:$WEB_PORT PARVIS_MAIL_DRIVER=dev PARVIS_MAIL_DEV_DIR="$WORK/mail"
export PARVIS_STORAGE_DIR="$WORK/blobs"
# The bounce webhook's secret (17-emails posts a Postmark bounce with it).
export PARVIS_MAIL_WEBHOOK_SECRET=e2e-bounce-secret-0123456789abcdef
# stripe-mock stands in for the Stripe API (the settings page's key check):
# it refuses a key not shaped sk_test_x / rk_test_x, as Stripe refuses a key
# pasted wrong. Payments themselves stay on the simulated provider.
command -v stripe-mock >/dev/null || die "stripe-mock not found: run bash scripts/tools.sh go"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
STRIPE_HTTP=127.0.0.1:$(free_port) STRIPE_HTTPS=127.0.0.1:$(free_port)
stripe-mock -http-addr "$STRIPE_HTTP" -https-addr "$STRIPE_HTTPS" >"$WORK/stripe-mock.log" 2>&1 &
pids+=($!)
export PARVIS_STRIPE_API_URL=http://$STRIPE_HTTP
[ -x bin/parvis ] || go build -o bin/parvis ./cmd/parvis
bin/parvis migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; die "migrate failed"; }
bin/parvis seed --demo >>"$WORK/migrate.log" 2>&1
bin/parvis serve >"$WORK/api.log" 2>&1 &
pids+=($!)

[ -f web/.next/standalone/server.js ] || die "web app not built: run make web-build"
[ -f web/.next/standalone/peer.cjs ] || die "web app built without the gateway's peer module: run make web-build"
(cd web/.next/standalone && PORT=$WEB_PORT HOSTNAME=127.0.0.1 PARVIS_API_URL=http://$API_ADDR exec node --require ./peer.cjs server.js) >"$WORK/web.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do curl -s -o /dev/null "http://$STRIPE_HTTP/" && break; sleep 0.2; done
curl -s -o /dev/null "http://$STRIPE_HTTP/" || { cat "$WORK/stripe-mock.log"; die "stripe-mock did not start"; }
wait_http "http://$API_ADDR/api/readyz" 60 || { cat "$WORK/api.log"; die "API did not start"; }
wait_http "http://127.0.0.1:$WEB_PORT/connexion" 60 || { cat "$WORK/web.log"; die "web app did not start"; }

say "browser tests (Chromium)"
status=0
(cd web && E2E_BASE_URL=http://localhost:$WEB_PORT npx playwright test "$@") || status=$?
if [ $status -ne 0 ]; then
  echo "--- API log (tail)"; tail -40 "$WORK/api.log"
  echo "--- web log (tail)"; tail -40 "$WORK/web.log"
fi
exit $status
