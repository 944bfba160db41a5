#!/bin/sh
# Installs the example's own dependencies when they are missing or older than its lock file: a
# fresh clone runs only the root's `npm ci && npm test`, and this keeps that enough.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "examples/chat: npm ci (its dependencies are missing or stale)"
  npm ci --no-audit --no-fund --loglevel=error
fi
