#!/usr/bin/env bash
# The embedded default: builds whatever is missing or out of date, then starts real PostgreSQL,
# Kafka and Elasticsearch and the five services on 127.0.0.1, until Ctrl-C.
#   ./devstack.sh            start (reuses the data of the last run)
#   ./devstack.sh --clean    start from empty data
#   ./devstack.sh stop       stop a devstack running in the background
# More: ./devstack.sh --help
set -euo pipefail
cd "$(dirname "$0")"

launcher=devstack/launcher/target/devstack-launcher-0.1.0-SNAPSHOT.jar
stamp=target/devstack-build.stamp

out_of_date() {
  [ -f "$stamp" ] || return 0
  for jar in "$launcher" gateway rule-service alert-service exceptions-service lists-service; do
    case "$jar" in
      *.jar) [ -f "$jar" ] || return 0 ;;
      *) [ -f "$jar/target/quarkus-app/quarkus-run.jar" ] || return 0 ;;
    esac
  done
  # any source or build file changed since the last build
  [ -n "$(find . -path ./.devstack -prune -o -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -print -quit)" ]
}

if [ "${1:-}" != "stop" ] && out_of_date; then
  echo "devstack: building (./mvnw -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
  mkdir -p target && touch "$stamp"
fi
exec java -jar "$launcher" "$@"
