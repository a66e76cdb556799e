#!/usr/bin/env bash
# Run by the postgres image on an empty data volume only (/docker-entrypoint-initdb.d): one database per service
# (and Keycloak's), each owned by a role of its own that can reach no other. Passwords from .env.
set -euo pipefail

database() { # name, owner's password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v name="$1" -v password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

database catalog "$CATALOG_DB_PASSWORD"
database profile "$PROFILE_DB_PASSWORD"
database progress "$PROGRESS_DB_PASSWORD"
database notification "$NOTIFICATION_DB_PASSWORD"
database keycloak "$KEYCLOAK_DB_PASSWORD"
