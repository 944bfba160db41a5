#!/bin/sh
# The root's pretest: the example installed, its operations valid against the root schema.graphql
# and its generated code committed as codegen writes it, its types checked, and the build the
# browser test (test/browser/chat.test.ts) serves. Any failure stops `npm test` here.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
npm run --silent typecheck
drift=$(git status --porcelain -- src/gql)
if [ -n "$drift" ]; then
  echo "examples/chat: src/gql is not what 'npm run codegen' writes from the current operations and schema.graphql:" >&2
  echo "$drift" >&2
  echo "run 'npm run codegen' in examples/chat and commit src/gql" >&2
  exit 1
fi
npx vite build --logLevel warn
echo "examples/chat: codegen committed, types checked, built"
