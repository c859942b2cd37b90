#!/usr/bin/env bash
# The GitHub Action's step (action.yml): install citelint, check the paths once for code
# scanning (SARIF) and once more for the pull request's annotations (the results cache makes the
# second run cheap), and fail the job as `citelint check` does.
#
# Inputs come as environment variables: INPUT_PATHS (space-separated, default "."), INPUT_ARGS
# (more options for citelint check), INPUT_SARIF (the SARIF file to write, "" for none),
# INPUT_VERSION (the citelint-vn version to install; "" installs the action's own source),
# INPUT_INSTALL ("false": use the citelint already on PATH).
set -euo pipefail

paths=${INPUT_PATHS:-.}
args=${INPUT_ARGS:-}
sarif=${INPUT_SARIF-citelint.sarif}

if [ "${INPUT_INSTALL:-true}" != "false" ]; then
    if [ -n "${INPUT_VERSION:-}" ]; then
        python -m pip install --quiet "citelint-vn==${INPUT_VERSION}"
    else
        python -m pip install --quiet "${GITHUB_ACTION_PATH:-$(dirname "$0")/..}"
    fi
fi

# shellcheck disable=SC2086  # paths and args are lists of words
status=0
if [ -n "$sarif" ]; then
    citelint check $paths --format sarif -o "$sarif" $args || status=$?
    if [ "$status" -ge 2 ]; then
        exit "$status"
    fi
fi
# shellcheck disable=SC2086
citelint check $paths --format github $args || status=$?
exit "$status"
