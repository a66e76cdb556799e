#!/usr/bin/env bash
# kafka-setup (docker-compose.yml): makes the compose broker hold Ladder's users, topics and ACLs, as the super user
# ladder-admin, like the devstack does with KafkaAcls.apply. Idempotent; run on every `docker compose up`.
# A permission taken out of ./acls is not revoked on an existing volume: remove it with kafka-acls.sh --remove.
set -euo pipefail
cd "$(dirname "$0")"
# KAFKA_BIN: ComposeTest runs this script with stand-ins for Kafka's tools that record what they were asked
bin=${KAFKA_BIN:-/opt/kafka/bin}
bootstrap=kafka:9092
admin=$(mktemp)
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="ladder-admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES

until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" --command-config "$admin" >/dev/null 2>&1; do
  echo "kafka-setup: waiting for the broker"
  sleep 2
done

# Every user of ./acls gets its SCRAM credential; the password is KAFKA_PASSWORD_<user, upper case, '-' as '_'>.
for user in $(grep -v '^#' acls | cut -d' ' -f1 | sort -u); do
  variable="KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${!variable:?$variable is not set}]"
done

grep -v '^#' topics | while read -r topic partitions configs; do
  options=()
  for config in $configs; do options+=(--config "$config"); done
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "${options[@]}"
done

grep -v '^#' acls | while read -r user type pattern name operations; do
  case "$type" in
    TOPIC) resource=(--topic "$name") ;;
    GROUP) resource=(--group "$name") ;;
    *) echo "kafka-setup: unknown resource type $type" >&2; exit 1 ;;
  esac
  options=()
  for operation in ${operations//,/ }; do options+=(--operation "$operation"); done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$user" --allow-host '*' --resource-pattern-type "${pattern,,}" \
    "${resource[@]}" "${options[@]}" >/dev/null
done
echo "kafka-setup: users, topics and ACLs are in place"
