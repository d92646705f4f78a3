#!/usr/bin/env bash
# Prints one closing line with the totals of the Surefire and Failsafe reports.
set -euo pipefail
shopt -s nullglob
tests=0; failed=0; skipped=0
for f in target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml; do
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  t=$(sed -E 's/.* tests="([0-9]+)".*/\1/' <<<"$line")
  fl=$(sed -E 's/.* failures="([0-9]+)".*/\1/' <<<"$line")
  e=$(sed -E 's/.* errors="([0-9]+)".*/\1/' <<<"$line")
  s=$(sed -E 's/.* skipped="([0-9]+)".*/\1/' <<<"$line")
  tests=$((tests + t)); failed=$((failed + fl + e)); skipped=$((skipped + s))
done
echo "tests: $((tests - failed - skipped)) passed, ${failed} failed, ${skipped} skipped"
