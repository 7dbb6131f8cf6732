# Sourced by .ci/run: puts the Mongo contract suite on a real MongoDB wire-protocol server (FerretDB,
# SQLite backend, loopback) beside the embedded store. Never fails the CI run: when FerretDB cannot be
# built or started, it says so loudly and the suite runs on the embedded store only.
#   source scripts/ci-mongo.sh      # exports MONGODB_URL and stops the server when the shell exits
if [[ -n "${MONGODB_URL:-}" ]]; then
  echo "ci-mongo: MONGODB_URL is already set ($MONGODB_URL): using that server."
elif ferretdb_env="$(bash scripts/ferretdb.sh start)"; then
  eval "$ferretdb_env"
  trap 'bash scripts/ferretdb.sh stop' EXIT
  echo "ci-mongo: Mongo contract suite runs on the embedded store AND on FerretDB at $MONGODB_URL"
else
  echo "!!! ci-mongo: FerretDB could not be built or started (see the ferretdb.sh lines above):" >&2
  echo "!!! ci-mongo: the Mongo contract suite runs on the EMBEDDED STORE ONLY in this run." >&2
fi
unset ferretdb_env
