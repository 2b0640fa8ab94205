#!/usr/bin/env bash
# Puts a current Node (24) first on PATH. The machine's own node is 20 (end of life); the CLI and the
# projects it generates need 22.12+. The `node` npm package carries a real binary, so this needs only the
# npm registry. Source this file: `. .ci/node.sh`.
NODE_HOME=${CB_NODE_HOME:-$HOME/.cache/create-backend-node24}
if [ ! -x "$NODE_HOME/node_modules/node/bin/node" ]; then
  mkdir -p "$NODE_HOME"
  npm install --prefix "$NODE_HOME" --no-audit --no-fund --loglevel=error node@24 >&2
fi
export PATH="$NODE_HOME/node_modules/node/bin:$PATH"
