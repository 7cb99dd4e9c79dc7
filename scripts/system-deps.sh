#!/usr/bin/env bash
# Installs the Debian packages Dateline needs to open its window (X11/Wayland client
# libraries, Mesa's software OpenGL/Vulkan drivers) and, with --xvfb, a virtual display
# for headless screenshots. Does nothing when they are already present.
set -euo pipefail

packages=(libxkbcommon-x11-0 libx11-6 libxcursor1 libxrandr2 libxi6 libgl1-mesa-dri libegl1 mesa-vulkan-drivers)
if [[ "${1:-}" == "--xvfb" ]]; then
    packages+=(xvfb xauth)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "dateline: please install these system packages: ${missing[*]}" >&2
    exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
        echo "dateline: run as root or install: ${missing[*]}" >&2
        exit 1
    fi
fi
echo "dateline: installing system packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
