#!/usr/bin/env bash
# Puts uv on PATH for the test run: the generated python projects are uv projects, whose install post-step is
# `uv sync` (src/stacks/python/toolchain.ts). The uv wheel on PyPI
# carries the binary, so this needs only the PyPI registry. Each project resolves its own requirements afresh
# (`uv sync` writes its uv.lock): uv's cache ($UV_CACHE_DIR or ~/.cache/uv) only saves downloads, so a broken pin
# fails as it would without it. Source this file: `. .ci/uv.sh`.
# The version the generated projects pin (templates/python/versions/requirements.txt), so CI runs what they run.
UV_VERSION=$(sed -n 's/^uv==//p' "$(dirname "${BASH_SOURCE[0]}")/../templates/python/versions/requirements.txt")
UV_HOME=${CB_UV_HOME:-$HOME/.cache/create-backend-uv-$UV_VERSION}
# Only uv goes on PATH, not the venv it comes in: that venv's python3 and pip must not shadow the machine's.
if [ ! -x "$UV_HOME/bin/uv" ]; then
  python3 -m venv "$UV_HOME/venv" >&2
  "$UV_HOME/venv/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION" >&2
  mkdir -p "$UV_HOME/bin" && ln -sf "$UV_HOME/venv/bin/uv" "$UV_HOME/bin/uv"
fi
export PATH="$UV_HOME/bin:$PATH"
