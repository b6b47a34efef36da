#!/usr/bin/env bash
# Install everything the development checkout needs, on a fresh Debian/Ubuntu machine:
# the Debian packages for the GPU tests (skipped when already present), then the lockfile.
# Used by the README's first set-up command and by CI (.ci/run). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages for the GPU tests (posecodec/gpu): building `gl` from source (node-gyp),
# Xvfb for headless-gl, EGL/GLES + Mesa for Dawn's GLES backend (webgpu), chromium for the
# browser tests. Installed only when one is missing, so a warm machine skips apt entirely.
APT_PACKAGES=(
  build-essential python3 pkg-config
  libxi-dev libx11-dev libxext-dev libgl1-mesa-dev libglu1-mesa-dev
  xvfb xauth
  libegl1 libegl-dev libegl-mesa0 libgles2 libgl1-mesa-dri
  chromium
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "apt-get install: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# node-gyp compiles gl's ANGLE sources on every core (JOBS=max): on a 2-core machine that halves
# the longest step of a fresh set-up.
JOBS=max npm ci --no-audit --no-fund
# gl is built from source by its install script; a build that failed must fail here, loudly.
node -e "require('gl')" || { echo 'gl (headless-gl) did not build: see the npm ci log above' >&2; exit 1; }
