#!/usr/bin/env bash
# Installs Ruby and the gems generated Ruby projects use, from Debian's packages (RubyGems is not reachable
# from CI): `bundle install --local` then resolves a project's Gemfile against them, which the CLI does when
# CREATE_BACKEND_BUNDLE_LOCAL is set (.ci/run exports it). Idempotent: skipped when every package is there.
set -euo pipefail
PACKAGES=(ruby bundler rake puma ruby-sinatra ruby-sequel ruby-sequel-pg ruby-pg ruby-mysql2 ruby-sqlite3
  ruby-rspec ruby-rack-test ruby-bcrypt ruby-jwt rubocop)
if dpkg-query -W -f='${Status}\n' "${PACKAGES[@]}" 2>/dev/null | grep -vq 'install ok installed' ||
  [ "$(dpkg-query -W -f='${Status}\n' "${PACKAGES[@]}" 2>/dev/null | wc -l)" -ne "${#PACKAGES[@]}" ]; then
  echo "ruby: installing ${PACKAGES[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >&2
fi
echo "ruby: $(ruby --version), bundler $(bundle --version | awk '{print $3}')" >&2
