#!/usr/bin/env bash
# Builds the Next.js app (standalone output) and copies its static assets
# next to server.js, as `next start` would serve them, and the gateway's
# peer module: run it as `node --require ./peer.cjs server.js`.
source "$(dirname "$0")/lib.sh"
cd "$ROOT/web"
npm run --silent build
# Eager compilation of the first-load chunks (issue 10, see the script).
node "$ROOT/scripts/compile-hints.mjs"
rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
cp gateway/peer.cjs .next/standalone/peer.cjs
[ -d public ] && cp -r public .next/standalone/public
# First-load JS per route: a test (sizes are deterministic), see issue 10.
node "$ROOT/scripts/js-budget.mjs"
