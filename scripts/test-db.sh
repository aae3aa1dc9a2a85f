#!/usr/bin/env bash
# Prints the TEST_DATABASE_URL to use: the given one, else the local server
# on 127.0.0.1:5432 if it answers, else the private dev cluster.
source "$(dirname "$0")/lib.sh"
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "$TEST_DATABASE_URL"; exit 0; fi
local_url="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
if command -v psql >/dev/null && psql "$local_url" -qtAc 'SELECT 1' >/dev/null 2>&1; then echo "$local_url"; exit 0; fi
bash "$(dirname "$0")/devdb.sh" start | sed -n 's/^PARVIS_DEVDB_ADMIN_URL=//p'
