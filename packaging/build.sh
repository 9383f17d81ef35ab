#!/usr/bin/env bash
# Builds the jpackage app-image and/or the .deb of DCGAN Explorer from `mvn package` output.
#
#   bash packaging/build.sh [app-image|deb|all]     (default: all)
#
# Produces target/jpackage/dcgan-explorer/ (the app-image: bin/dcgan-explorer, a jlinked runtime
# with JavaFX in it, the jars under lib/app/) and target/jpackage/dcgan-explorer_VERSION_amd64.deb.
# Runs `mvn -B -q package -DskipTests` first when target/dcgan-explorer.jar is missing or older
# than pom.xml or src/ (DCGAN_SKIP_MVN=1 skips that check, as the -Ppackage profile does).
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
case "$what" in
    app-image|deb|all) ;;
    *) echo "usage: $0 [app-image|deb|all]" >&2; exit 2 ;;
esac

name=dcgan-explorer
out=target/jpackage
image="$out/$name"
# jpackage wants a plain numeric version: 0.1.0-SNAPSHOT -> 0.1.0
version=$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' pom.xml | head -1)
version="${version%%-*}"
# JDK modules the program uses besides what jdeps finds: java.management (Main reads the JVM
# arguments, the CLI the RSS), jdk.unsupported (sun.misc.Unsafe for JNA, Gson and JavaFX),
# java.logging (JNA, slf4j), jdk.zipfs (reading jars as file systems).
extra_modules=java.desktop,java.management,java.logging,jdk.unsupported,jdk.zipfs
javafx_modules=javafx.controls,javafx.swing

seconds() { date +%s; }

build_jar() {
    if [ "${DCGAN_SKIP_MVN:-0}" = 1 ]; then
        return
    fi
    if [ ! -f target/$name.jar ] || [ ! -d target/lib ] || [ pom.xml -nt target/$name.jar ] \
        || [ -n "$(find src/main -newer target/$name.jar -print -quit)" ]; then
        echo "== mvn package"
        mvn -B -q package -DskipTests
    fi
}

# The JDK modules the jars need, from jdeps, plus the ones above. Modular jars are copied without
# their module-info first: jdeps would otherwise try to resolve their optional `requires` (e.g.
# commons-compress -> commons-lang3, not shipped) and stop.
jdk_modules() {
    local tmp mods=""
    tmp=$(mktemp -d)
    for j in target/$name.jar target/lib/*.jar; do
        case "$(basename "$j")" in javafx-*|pytorch-native-*) continue ;; esac
        local jar="$j"
        if jar tf "$j" | grep -q 'module-info\.class$'; then
            local d="$tmp/$(basename "$j" .jar)"
            mkdir -p "$d"
            (cd "$d" && jar xf "$OLDPWD/$j")
            find "$d" -name module-info.class -delete
            jar --create --file "$d.jar" --manifest "$d/META-INF/MANIFEST.MF" -C "$d" .
            jar="$d.jar"
        fi
        mods="$mods,$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")"
    done
    rm -rf "$tmp"
    echo "$mods,$extra_modules" | tr ',' '\n' | grep -v '^$' | grep -v '^javafx\.' | sort -u | paste -sd, -
}

app_image() {
    build_jar
    local t0 mods input fxmods
    t0=$(seconds)
    echo "== app-image"
    rm -rf "$image" "$out/input" "$out/javafx"
    input="$out/input"
    fxmods="$out/javafx"
    mkdir -p "$input" "$fxmods"
    # Class path: the app jar and every dependency but JavaFX. Hard links where possible (the
    # libtorch jar is ~200 MB); jpackage copies them into the image anyway.
    cp -l target/$name.jar "$input/" 2>/dev/null || cp target/$name.jar "$input/"
    for j in target/lib/*.jar; do
        case "$(basename "$j")" in javafx-*) continue ;; esac
        cp -l "$j" "$input/" 2>/dev/null || cp "$j" "$input/"
    done
    # Module path: only the platform jars of JavaFX; the ones without classifier are empty.
    cp target/lib/javafx-*-linux.jar "$fxmods/"
    mods=$(jdk_modules)
    echo "JDK modules: $mods"
    echo "JavaFX modules: $javafx_modules"
    # C1 only (-XX:TieredStopAtLevel=1): C2's compiler thread took one of two cores while the window
    # started; with `java -jar` the first demo face showed 2.65-3.09 s after launch with it and
    # 3.99-4.58 s without, 3.01-3.43 s through this launcher (docs/experiments/demo-model.md);
    # training speed stayed within noise (150 steps at 32x32: 43 and 45 s against 40 and 47 s).
    jpackage --type app-image \
        --name "$name" \
        --app-version "$version" \
        --vendor "DCGAN Explorer" \
        --description "Train deep convolutional GANs and explore what they learned" \
        --icon assets/icon.png \
        --dest "$out" \
        --input "$input" \
        --main-jar "$name.jar" \
        --main-class io.dcganexplorer.Main \
        --module-path "$fxmods" \
        --add-modules "$mods,$javafx_modules" \
        --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2" \
        --java-options "-Dai.djl.offline=true" \
        --java-options "-XX:TieredStopAtLevel=1"
    rm -rf "$input" "$fxmods"
    echo "app-image: $image ($(( $(seconds) - t0 )) s)"
}

deb() {
    [ -x "$image/bin/$name" ] || app_image
    local t0
    t0=$(seconds)
    echo "== deb"
    if ! command -v fakeroot >/dev/null || ! command -v dpkg-deb >/dev/null; then
        echo "installing fakeroot (jpackage --type deb needs it)"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fakeroot dpkg
    fi
    rm -f "$out"/${name}_*.deb
    # dpkg-deb's default xz took 150 s here for 2% less size than gzip (20 s): most of the bytes
    # are the libtorch jar, already compressed. Set DPKG_DEB_COMPRESSOR_TYPE=xz to get xz anyway.
    export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
    # No --linux-shortcut / --linux-menu-group: they pull in xdg-utils, and the removal script
    # then fails on a minimal system. GTK is hidden inside the runtime's modules image, so the
    # automatic Depends miss it.
    jpackage --type deb \
        --name "$name" \
        --app-version "$version" \
        --vendor "DCGAN Explorer" \
        --description "Train deep convolutional GANs and explore what they learned" \
        --app-image "$image" \
        --dest "$out" \
        --linux-package-name "$name" \
        --linux-deb-maintainer "dcgan-explorer@users.noreply.github.com" \
        --linux-app-category science \
        --linux-package-deps libgtk-3-0
    echo "deb: $(ls "$out"/${name}_*.deb) ($(( $(seconds) - t0 )) s)"
}

case "$what" in
    app-image) app_image ;;
    deb) deb ;;
    all) app_image; deb ;;
esac

echo "== sizes"
du -sh "$image"
if [ "$what" != app-image ]; then
    ls -l "$out"/${name}_*.deb
fi
