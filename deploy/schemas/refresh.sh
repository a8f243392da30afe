#!/usr/bin/env bash
# Fetches the schemas DeploymentSchemasTest validates the Kubernetes overlays against (and ComposeSpecTest the compose file), from their pinned upstream
# releases, into this directory (README.md here says what each file is). Run it after moving a version below, and
# commit what changed; the test fails while an operator directory differs from what .github/workflows/deploy.yml
# installs, or the Kubernetes directories from the range docs/operations.md supports.
#   deploy/schemas/refresh.sh
set -euo pipefail
cd "$(dirname "$0")"

# Kubernetes minor version -> the tag of the official Python client generated from that release branch, whose
# kubernetes/swagger.json.unprocessed is the API server's OpenAPI document (api/openapi-spec/swagger.json).
KUBERNETES=(
  "1.32 v32.0.1"
  "1.34 v34.1.0"
)
# As pinned in .github/workflows/deploy.yml.
STRIMZI=0.45.0               # helm chart strimzi-kafka-operator
CLOUDNATIVE_PG=1.25.1        # releases/cnpg-<version>.yaml
MONGODB_COMMUNITY=0.12.0     # helm chart mongodb/community-operator
PROMETHEUS_OPERATOR=0.80.0   # the CRDs of release v<version>
# The Compose Specification's schema, which ComposeSpecTest validates deploy/compose against (the repository has no
# release tags: a commit of its main branch).
COMPOSE_SPEC=170098ba07d9f53c383a41bfd4c5166b0a4529a6

GITHUB=https://raw.githubusercontent.com
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

get() { # url path-below-this-directory
  mkdir -p "$staging/$(dirname "$2")"
  curl --silent --show-error --fail --location --retry 3 --max-time 120 -o "$staging/$2" "$1"
  echo "$2 <- $1"
}

for pair in "${KUBERNETES[@]}"; do
  read -r version client <<<"$pair"
  get "$GITHUB/kubernetes-client/python/$client/kubernetes/swagger.json.unprocessed" "kubernetes/v$version/swagger.json"
done

for crd in 040-Crd-kafka 043-Crd-kafkatopic 04A-Crd-kafkanodepool; do
  get "$GITHUB/strimzi/strimzi-kafka-operator/$STRIMZI/packaging/helm-charts/helm3/strimzi-kafka-operator/crds/$crd.yaml" \
    "strimzi/$STRIMZI/$crd.yaml"
done

for crd in clusters databases scheduledbackups; do
  get "$GITHUB/cloudnative-pg/cloudnative-pg/v$CLOUDNATIVE_PG/config/crd/bases/postgresql.cnpg.io_$crd.yaml" \
    "cloudnative-pg/$CLOUDNATIVE_PG/postgresql.cnpg.io_$crd.yaml"
done

get "$GITHUB/mongodb/helm-charts/community-operator-$MONGODB_COMMUNITY/charts/community-operator-crds/templates/mongodbcommunity.mongodb.com_mongodbcommunity.yaml" \
  "mongodb-community-operator/$MONGODB_COMMUNITY/mongodbcommunity.mongodb.com_mongodbcommunity.yaml"

for crd in servicemonitors prometheusrules; do
  get "$GITHUB/prometheus-operator/prometheus-operator/v$PROMETHEUS_OPERATOR/example/prometheus-operator-crd/monitoring.coreos.com_$crd.yaml" \
    "prometheus-operator/$PROMETHEUS_OPERATOR/monitoring.coreos.com_$crd.yaml"
done

get "$GITHUB/compose-spec/compose-spec/$COMPOSE_SPEC/schema/compose-spec.json" "compose-spec/compose-spec.json"

# Only now that every download succeeded: replace the old copies, so a version moved away from leaves nothing behind.
for dir in kubernetes strimzi cloudnative-pg mongodb-community-operator prometheus-operator compose-spec; do
  rm -rf "$dir"
  mv "$staging/$dir" "$dir"
done
git status --short -- . 2>/dev/null || true
