#!/usr/bin/env bash
# Installs the Debian 12 packages that building, testing, running and packaging the app need, and
# only those that are missing, so a second run changes nothing. As root it runs apt-get itself;
# otherwise it runs apt-get through sudo:
#
#   bash packaging/install-deps.sh
#
# openjdk-17-jdk-headless, maven: the build (jpackage comes with the JDK).
# libgtk-3-0, fonts-dejavu-core: the JavaFX window and the TestFX tests (`mvn -B verify`).
# xvfb, xauth (only recommended by xvfb, and xvfb-run needs it): the window without a screen, as
#   in the packaged app's smoke test.
# fakeroot: jpackage --type deb.
# dataset-fashion-mnist: Fashion-MNIST in /usr/share/datasets/fashion-mnist (`fashion:PATH`).
set -euo pipefail

packages=(openjdk-17-jdk-headless maven libgtk-3-0 fonts-dejavu-core xvfb xauth fakeroot dataset-fashion-mnist)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: missing ${missing[*]}; run this script as root (no sudo found)" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
