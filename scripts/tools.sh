#!/usr/bin/env bash
# Installs what building and testing Parvis needs, idempotently:
#   go tools (sqlc, mailpit, versitygw) into $(go env GOPATH)/bin at pinned versions,
#   Debian's Chromium for the browser tests and poppler-utils for PDF previews (apt, as root),
#   the web app's npm packages (npm ci, when the lockfile changed).
#   scripts/tools.sh [go] [browser] [web]   (default: all)
source "$(dirname "$0")/lib.sh"

SQLC_VERSION=v1.31.1
MAILPIT_VERSION=v1.27.11
# S3-compatible server for the S3 blob driver tests (~2.5 min to build).
VERSITYGW_VERSION=v1.8.0
# Stripe's API mock for the payments tests (no webhooks; the tests sign their own).
STRIPE_MOCK_VERSION=v0.203.0

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(go browser web)
has() { local w; for w in "${want[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

go_tool() { # name module version
  local name=$1 mod=$2 ver=$3
  # The binary records the module version it was built from.
  if [ -x "$GOBIN_DIR/$name" ] && go version -m "$GOBIN_DIR/$name" 2>/dev/null | grep -qE "^\s+mod\s.*\s$ver(\s|$)"; then return 0; fi
  say "installing $name $ver (go install; a few minutes the first time)"
  CGO_ENABLED=1 go install "$mod@$ver"
}

if has go; then
  go_tool sqlc github.com/sqlc-dev/sqlc/cmd/sqlc "$SQLC_VERSION"
  go_tool mailpit github.com/axllent/mailpit "$MAILPIT_VERSION"
  go_tool versitygw github.com/versity/versitygw/cmd/versitygw "$VERSITYGW_VERSION"
  go_tool stripe-mock github.com/stripe/stripe-mock "$STRIPE_MOCK_VERSION"
fi

# Debian packages: Chromium for the browser tests, poppler-utils (pdftoppm)
# for the PDF first-page previews.
if has browser; then
  pkgs=()
  [ -x /usr/bin/chromium ] || pkgs+=(chromium fonts-noto-core)
  command -v pdftoppm >/dev/null || pkgs+=(poppler-utils)
  if [ ${#pkgs[@]} -gt 0 ]; then
    say "installing Debian's ${pkgs[*]} (apt-get)"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
  fi
fi

if has web; then
  stamp="$ROOT/web/node_modules/.parvis-lock"
  if ! [ -f "$stamp" ] || ! cmp -s "$ROOT/web/package-lock.json" "$stamp"; then
    say "installing web dependencies (npm ci)"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/web/package-lock.json" "$stamp"
  fi
fi
