#!/usr/bin/env bash
# Fails when a generated file is not what `go generate` writes from its
# source (internal/route/operations_gen.go from the vendored spec, for one):
# it runs go generate and compares the tree before and after, so it also
# works on a checkout with changes of its own. To fix a failure, run
# `go generate ./...` and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

snapshot() { git status --porcelain --untracked-files=all; git --no-pager diff; }
before=$(snapshot)
go generate ./...
after=$(snapshot)
if [ "$before" != "$after" ]; then
  echo "go generate changed the tree: what it writes was not current. Run 'go generate ./...' and commit the result."
  git status --porcelain --untracked-files=all
  git --no-pager diff | head -80
  exit 1
fi
echo "generated files are current"
