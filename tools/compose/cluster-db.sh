#!/bin/sh
# Creates the database of the cluster profile's installation (docker-compose.yml,
# profile "cluster") and applies schema.sql to it. PostgreSQL's image runs it once,
# on the first start of an empty data volume.
set -eu
psql -v ON_ERROR_STOP=1 -U postgres -d postgres -c "CREATE DATABASE streamsaga_cluster"
psql -v ON_ERROR_STOP=1 -U postgres -d streamsaga_cluster -f /docker-entrypoint-initdb.d/001-schema.sql
