#!/usr/bin/env bash
# The HTTP -> Kafka -> read model flow against a deployed system: an administrator registers an institution
# and issues its school key, the school registers a programme and a group, and the analytics service shows
# the group once its events have travelled through Kafka into MongoDB.
#   BASE_URL=http://localhost:8080 ADMIN_KEY=... deploy/kubernetes/smoke-test.sh
set -euo pipefail
: "${BASE_URL:?BASE_URL, e.g. http://localhost:8080}"
: "${ADMIN_KEY:?ADMIN_KEY, the bootstrap admin key}"
# Letters only: a run of digits in an id or a name reads as a phone number to the identifier guard.
run="smoke-$(date +%s | tr 0-9 a-j)"

call() { # method path key [body]
  curl --silent --show-error --fail-with-body --max-time 60 -X "$1" "$BASE_URL$2" \
    -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data "$4"}
}

echo "register institution $run"
call POST /api/v1/institutions "$ADMIN_KEY" \
  "{\"institutionId\": \"$run\", \"name\": \"Smoke Test School of Medicine\", \"country\": \"NL\"}" > /dev/null
school_key=$(call POST /api/v1/keys "$ADMIN_KEY" \
  "{\"role\": \"SCHOOL\", \"institutionId\": \"$run\", \"label\": \"smoke test\"}" | jq -er .secret)

# A new key reaches every service through the access topic; the first calls may wait for it.
for attempt in $(seq 1 30); do
  if call POST /api/v1/programmes "$school_key" "{\"programmeId\": \"prog-1\", \"name\": \"Smoke programme\",
      \"participantType\": \"RESIDENT\", \"arm\": \"INTERVENTION\", \"country\": \"NL\",
      \"startsOn\": \"2026-01-05\", \"endsOn\": \"2026-12-18\"}" > /dev/null; then break; fi
  [ "$attempt" = 30 ] && { echo "the group service never accepted the new key"; exit 1; }
  sleep 2
done
call POST /api/v1/groups "$school_key" "{\"groupId\": \"grp-1\", \"programmeId\": \"prog-1\",
  \"formedOn\": \"2026-01-12\", \"design\": {\"plannedSize\": 10, \"meetingFrequency\": \"FORTNIGHTLY\",
  \"sessionMinutes\": 90, \"format\": \"IN_PERSON\", \"facilitation\": {\"style\": \"CLASSIC_BALINT\",
  \"leaders\": 2, \"leaderBackgrounds\": [\"GP\", \"PSYCHIATRIST\"], \"accreditedLeader\": true}}}" > /dev/null

echo "wait for the group in the read models"
for attempt in $(seq 1 60); do
  if answer=$(call GET /api/v1/analytics/groups/grp-1 "$school_key" 2> /dev/null); then
    echo "$answer" | jq -e '.groupId == "grp-1"' > /dev/null && { echo "read model has the group: ok"; exit 0; }
  fi
  sleep 2
done
echo "the group never reached the analytics read models"
exit 1
