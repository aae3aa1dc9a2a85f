#!/usr/bin/env bash
# Fails when a generated file is stale: sqlc's Go code, the committed
# OpenAPI document, the web client's TypeScript types.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
sqlc diff || die "internal/db/dbq is stale: run make generate"
tmp=$(mktemp)
go run ./cmd/parvis openapi > "$tmp"
cmp -s "$tmp" api/openapi.json || { diff -u api/openapi.json "$tmp" | head -40; rm -f "$tmp"; die "api/openapi.json is stale: run make generate"; }
rm -f "$tmp"
(cd web && npm run --silent check:api) || die "web/src/lib/api/schema.d.ts is stale: run make generate"
(cd web && npm run --silent check:errors) || die "web/src/i18n/fr.ts: French error messages need fixing"
# Redocly's recommended rules (api/redocly.yaml); no telemetry or update
# check: the machine reaches no network but the registries.
(cd web && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 \
	npx --no-install redocly lint ../api/openapi.json --config ../api/redocly.yaml --format=summary) \
	|| die "api/openapi.json fails the OpenAPI linter (see above)"
say "generated files are fresh"
