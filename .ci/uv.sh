#!/usr/bin/env bash
# Puts uv on PATH for the test run. The python stack's install post-step uses uv when it finds it
# (src/stacks/python/toolchain.ts), which turns each generated project's 45-130 s pip install into seconds;
# a developer without uv still gets pip, which the generated README documents first. The uv wheel on PyPI
# carries the binary, so this needs only the PyPI registry. Each project still resolves its own requirements
# afresh (`uv pip install -e .[dev]`, no lockfile): uv's cache ($UV_CACHE_DIR or ~/.cache/uv) only saves
# downloads, so a broken pin fails as it would with pip. Source this file: `. .ci/uv.sh`.
UV_VERSION=0.13.9
UV_HOME=${CB_UV_HOME:-$HOME/.cache/create-backend-uv-$UV_VERSION}
# Only uv goes on PATH, not the venv it comes in: that venv's python3 and pip must not shadow the machine's.
if [ ! -x "$UV_HOME/bin/uv" ]; then
  python3 -m venv "$UV_HOME/venv" >&2
  "$UV_HOME/venv/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION" >&2
  mkdir -p "$UV_HOME/bin" && ln -sf "$UV_HOME/venv/bin/uv" "$UV_HOME/bin/uv"
fi
export PATH="$UV_HOME/bin:$PATH"
