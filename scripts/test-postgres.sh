#!/usr/bin/env bash
# Makes a PostgreSQL database ready for the test suite and prints its JDBC URL on stdout.
# Installs PostgreSQL from Debian if missing, starts the cluster, creates role + database.
# Fails loudly: the suite never silently skips PostgreSQL.
set -euo pipefail

db="${SWITCHBOARD_PG_DB:-switchboard_test}"
user=switchboard
password=switchboard
port="${SWITCHBOARD_PG_PORT:-5432}"

log() { echo "test-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "PostgreSQL not installed; installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  log "no PostgreSQL cluster found; creating 15/main"
  pg_createcluster 15 main >&2
  cluster="15 main"
fi
# shellcheck disable=SC2086
if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
  log "starting cluster $cluster"
  pg_ctlcluster $cluster start >&2
fi
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')

as_postgres() { runuser -u postgres -- "$@"; }
for _ in $(seq 1 30); do
  as_postgres psql -p "$port" -qtAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres psql -p "$port" -qtAc "SELECT 1" >/dev/null || { log "PostgreSQL does not answer on port $port"; exit 1; }

if [ "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$user'")" != "1" ]; then
  as_postgres psql -p "$port" -qc "CREATE ROLE $user LOGIN PASSWORD '$password'" >&2
fi
if [ "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_database WHERE datname='$db'")" != "1" ]; then
  as_postgres psql -p "$port" -qc "CREATE DATABASE $db OWNER $user" >&2
fi

echo "jdbc:postgresql://127.0.0.1:${port}/${db}?user=${user}&password=${password}"
