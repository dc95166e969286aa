#!/bin/sh
# Browser-test prerequisites: Debian's chromium-headless-shell, fonts, and the npm assets (npm ci).
set -eu
cd "$(dirname "$0")/.."
if ! command -v chromium-headless-shell >/dev/null 2>&1; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell fonts-noto-core
fi
if [ ! -d node_modules/leaflet ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
