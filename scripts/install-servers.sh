#!/usr/bin/env bash
# Installs the database and broker servers the integration tests start on their own (each test
# run creates a temporary cluster on 127.0.0.1; nothing here starts or configures a service).
# Idempotent and quiet: a server whose binaries are present is left alone. Debian/Ubuntu (apt).
#
#   scripts/install-servers.sh            # everything the tests need
#   scripts/install-servers.sh postgresql # one server
#   scripts/install-servers.sh rabbitmq   # another
#
# Add a server: write install_<name> below and list it in ALL_SERVERS.
set -euo pipefail

ALL_SERVERS=(postgresql rabbitmq)

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-servers: apt-get not found; install these packages by hand: $*" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ "$apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# PostgreSQL: the tests need initdb and pg_ctl under /usr/lib/postgresql/<version>/bin (Debian's layout).
postgresql_present() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null
}

install_postgresql() {
  if postgresql_present; then
    echo "postgresql: present ($(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' '))"
    return 0
  fi
  echo "postgresql: installing (apt package postgresql)"
  # postgresql-common first, told not to create the system's default cluster ("main", port 5432):
  # the tests create their own, and a fresh machine needs no database service running.
  apt_install postgresql-common
  local conf=/etc/postgresql-common/createcluster.conf sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ -f "$conf" ] && ! grep -qE '^\s*create_main_cluster\s*=\s*false' "$conf"; then
    echo "create_main_cluster = false" | $sudo tee -a "$conf" >/dev/null
  fi
  apt_install postgresql
  postgresql_present || { echo "postgresql: installed, but initdb/pg_ctl are still missing" >&2; return 1; }
  echo "postgresql: installed ($(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' '))"
}

# RabbitMQ: the tests need rabbitmq-server and rabbitmqctl under /usr/lib/rabbitmq/bin (Debian's layout)
# and start their own node; the package's system service must not be left running or enabled.
rabbitmq_present() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && [ -x /usr/lib/rabbitmq/bin/rabbitmqctl ]
}

install_rabbitmq() {
  if rabbitmq_present; then
    echo "rabbitmq: present (/usr/lib/rabbitmq/bin)"
    return 0
  fi
  echo "rabbitmq: installing (apt package rabbitmq-server)"
  local sudo="" policy=/usr/sbin/policy-rc.d ours=0
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  # A policy-rc.d that answers 101 stops the package's scripts from starting the service
  # (invoke-rc.d and deb-systemd-invoke both ask it); only ours is removed afterwards.
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    ours=1
  fi
  local status=0
  apt_install rabbitmq-server || status=$?
  if [ "$ours" -eq 1 ]; then $sudo rm -f "$policy"; fi
  [ "$status" -eq 0 ] || return "$status"
  # Belt and braces where systemd runs: the service stays stopped and is not started at boot.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true
  fi
  rabbitmq_present || { echo "rabbitmq: installed, but rabbitmq-server/rabbitmqctl are still missing" >&2; return 1; }
  echo "rabbitmq: installed (/usr/lib/rabbitmq/bin; service not started)"
}

servers=("$@")
if [ "${#servers[@]}" -eq 0 ]; then servers=("${ALL_SERVERS[@]}"); fi
for server in "${servers[@]}"; do
  if ! declare -F "install_$server" >/dev/null; then
    echo "install-servers: unknown server '$server' (known: ${ALL_SERVERS[*]})" >&2
    exit 2
  fi
  "install_$server"
done
