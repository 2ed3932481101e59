#!/usr/bin/env bash
# npm run plan: synthesize the stack, then terraform init + validate + plan + show -json.
#
#   PLAN_SKIP_SYNTH=1   use what is already in cdktf.out (do not synthesize)
#   PLAN_OFFLINE=1|0    force offline (fake credentials, provider skip_* flags) or online; default: offline
#                       exactly when no AWS credentials are found in the environment or ~/.aws
#   TF_PROVIDER_MIRROR  directory holding registry.terraform.io/hashicorp/aws (else detected, else registry)
#
# Writes cdktf.out/stacks/<stack>/plan.tfplan and plan.json. Exits non-zero on the first failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
STACK="payments-observability"
STACK_DIR="cdktf.out/stacks/${STACK}"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nplan failed: %s\n' "$*" >&2; exit 1; }

command -v terraform >/dev/null 2>&1 || fail "terraform is not on PATH (install Terraform >= 1.6)"
export CHECKPOINT_DISABLE=1 # no version-check calls from terraform or the cdktf CLI

step "provider source"
TF_CLI_CONFIG_FILE="$(node scripts/tf-cli-config.mjs)" || fail "could not write the Terraform CLI config"
export TF_CLI_CONFIG_FILE
if grep -q filesystem_mirror "${TF_CLI_CONFIG_FILE}"; then
  echo "hashicorp/aws from the filesystem mirror ($(grep -m1 'path' "${TF_CLI_CONFIG_FILE}" | cut -d'"' -f2))"
else
  echo "hashicorp/aws from the Terraform registry (no local mirror found)"
fi

if [[ "${PLAN_SKIP_SYNTH:-0}" != "1" ]]; then
  step "synthesize (cdktf synth)"
  CI=true npx --no-install cdktf synth || fail "synthesis failed (configuration error or compliance violations above)"
fi
[[ -f "${STACK_DIR}/cdk.tf.json" ]] || fail "${STACK_DIR}/cdk.tf.json not found; run without PLAN_SKIP_SYNTH"

has_credentials() {
  [[ -n "${AWS_ACCESS_KEY_ID:-}" || -n "${AWS_PROFILE:-}" || -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ||
     -n "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" || -n "${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" ||
     -f "${AWS_SHARED_CREDENTIALS_FILE:-${HOME}/.aws/credentials}" || -f "${AWS_CONFIG_FILE:-${HOME}/.aws/config}" ]]
}

VAR_ARGS=()
offline="${PLAN_OFFLINE:-}"
if [[ -z "${offline}" ]]; then
  if has_credentials; then offline=0; else offline=1; fi
fi
if [[ "${offline}" == "1" ]] && node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).import ? 0 : 1)' "${STACK_DIR}/cdk.tf.json"; then
  # Planning an import block reads the existing object from AWS; offline, terraform would fail on it.
  fail "the stack has Terraform import blocks (database.osMetricsLogGroup or api.welcomeLogGroup = import), which terraform can only plan with AWS credentials (it reads the existing log groups); set credentials, or use create / external to plan offline"
fi
if [[ "${offline}" == "1" ]]; then
  echo "offline plan: fake credentials, provider skips credential validation, account lookup and metadata API"
  export AWS_ACCESS_KEY_ID="AKIAOFFLINEPLAN00000" AWS_SECRET_ACCESS_KEY="offline-plan-fake-secret"
  unset AWS_PROFILE AWS_SESSION_TOKEN
  export AWS_EC2_METADATA_DISABLED=true
  VAR_ARGS=(-var "offline=true")
else
  echo "online plan with the AWS credentials of this environment"
fi

export TF_IN_AUTOMATION=1
step "terraform init"
terraform -chdir="${STACK_DIR}" init -input=false -no-color >/dev/null || {
  terraform -chdir="${STACK_DIR}" init -input=false -no-color; fail "terraform init"; }
echo "initialized"
step "terraform validate"
terraform -chdir="${STACK_DIR}" validate -no-color || fail "terraform validate"
step "terraform plan"
terraform -chdir="${STACK_DIR}" plan -input=false -lock=false -no-color -out=plan.tfplan "${VAR_ARGS[@]}" ||
  fail "terraform plan"
terraform -chdir="${STACK_DIR}" show -json plan.tfplan > "${STACK_DIR}/plan.json" || fail "terraform show -json"
step "done"
echo "plan: ${STACK_DIR}/plan.tfplan"
echo "json: ${STACK_DIR}/plan.json"
