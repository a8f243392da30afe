#!/bin/sh
# Runs once, on the first start of an empty data volume: a role and a database for each command-side service
# (two services must never share an event store).
set -eu
for service in group_service survey_service access_service; do
  case "$service" in
    group_service) password="$GROUP_SERVICE_DB_PASSWORD" ;;
    survey_service) password="$SURVEY_SERVICE_DB_PASSWORD" ;;
    access_service) password="$ACCESS_SERVICE_DB_PASSWORD" ;;
  esac
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v service="$service" -v password="$password" <<'SQL'
CREATE ROLE :"service" LOGIN PASSWORD :'password';
CREATE DATABASE :"service" OWNER :"service";
SQL
done
