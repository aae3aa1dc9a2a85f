# Parvis — every entry point. See README.md.
SHELL := /bin/bash
GO_PACKAGES := ./...

.PHONY: dev test test-go test-web e2e generate check-generated build web-build tools bench clean

## dev: run the whole portal locally with demo data (prints URL and logins)
dev:
	@bash scripts/dev.sh

## test: every test — generated files, Go (real PostgreSQL, SMTP), web build, browser
test: tools check-generated test-go web-build e2e

tools:
	@bash scripts/tools.sh

check-generated:
	@bash scripts/check-generated.sh

build:
	go build -o bin/parvis ./cmd/parvis

test-go: build
	@unformatted=$$(gofmt -l cmd internal); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet $(GO_PACKAGES)
	TEST_DATABASE_URL="$$(bash scripts/test-db.sh)" go test -race -p 2 -count=1 $(GO_PACKAGES)

web-build:
	cd web && npm run --silent typecheck
	cd web && npm run --silent lint
	cd web && npm run --silent test:unit
	@bash scripts/web-build.sh

e2e: build
	@bash scripts/e2e.sh

## generate: sqlc code, the OpenAPI document and the web client's types
generate:
	@bash scripts/tools.sh go web
	PATH="$$(go env GOPATH)/bin:$$PATH" sqlc generate
	go run ./cmd/parvis openapi > api/openapi.json
	cd web && npm run --silent gen:api

clean:
	rm -rf bin var/e2e web/.next

## bench: req/s, p50, p99 at 4 connections per hot path with budgets, web first-load JS (BENCH_SCALE=large: + 1 000 × 1 000); signed URLs and a 1 000-file folder
bench:
	TEST_DATABASE_URL="$$(bash scripts/test-db.sh)" go run ./cmd/bench $(BENCH_FLAGS)
	TEST_DATABASE_URL="$$(bash scripts/test-db.sh)" go test -run '^$$' -bench . -benchtime 200x ./internal/file/
