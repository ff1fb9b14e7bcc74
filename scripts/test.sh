#!/usr/bin/env bash
# The README's test command: installs the servers the integration tests start on their own
# (PostgreSQL and RabbitMQ; apt, only when missing), then runs every test of the solution.
# Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-servers.sh
dotnet test Processes.Sdk.sln "$@"
