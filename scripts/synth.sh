#!/usr/bin/env bash
# npm run synth: `cdktf synth` (which runs main.ts through the compliance gate), with Terraform pointed at
# the local provider mirror when the machine has one, and no telemetry calls (CHECKPOINT_DISABLE), so it
# is quiet and works offline. Extra arguments go to cdktf synth.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CHECKPOINT_DISABLE=1
TF_CLI_CONFIG_FILE="$(node scripts/tf-cli-config.mjs)"
export TF_CLI_CONFIG_FILE
exec npx --no-install cdktf synth "$@"
