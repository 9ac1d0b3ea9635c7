#!/usr/bin/env bash
# The root filesystem every wxrelay image starts from when no base image is named: a Java runtime
# cut to the modules the services use (jlink, from the JDK >= 21 find_jdk picks) and glibc plus
# Mozilla's CA certificates from Debian's own packages (apt-get download; no registry, no Docker).
# The Maven profile `images` runs it before Jib (docs/decisions/0022-images-without-a-daemon.md).
#
#   scripts/image-runtime.sh <output-folder>
#
# Writes <output-folder>/root (the files, laid out as in the image) and <output-folder>/versions
# (what went in, also copied into the image as /usr/share/doc/wxrelay-runtime/versions). A second
# run with the same JDK, packages and script keeps what is there.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

out="${1:?usage: scripts/image-runtime.sh <output-folder>}"
# Every service's needs, found with jdeps and trimmed of what only optional code paths of log4j
# reach (java.scripting, java.rmi, java.compiler); java.desktop is the simulator's PNG QR codes
# and the java.beans annotations Jackson reads.
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,\
java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
PACKAGES=(libc6 ca-certificates)
UID_GID=65532

# The images are amd64: the loader's path and the build's JDK are this machine's.
arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
[ "$arch" = amd64 ] || die "the image runtime is built for amd64 only, and this machine is $arch:
build from a base image of your own instead (-Dimage.base=<image>@sha256:<digest>)"
find_jdk
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9

# The packages Debian has today for this machine (downloaded once per folder, each by name).
debs="$out/debs"
mkdir -p "$debs"
downloaded() { for p in "${PACKAGES[@]}"; do ls "$debs/${p}_"*.deb >/dev/null 2>&1 || return 1; done; }
if ! downloaded; then
  rm -f "$debs"/*.deb
  if ! (cd "$debs" && apt-get download "${PACKAGES[@]}" >/dev/null 2>&1); then
    if [ "$(id -u)" = 0 ]; then
      say "apt-get download ${PACKAGES[*]} failed; running apt-get update (as root) and trying again"
      apt-get update >/dev/null 2>&1 || true
    fi
    (cd "$debs" && apt-get download "${PACKAGES[@]}" >/dev/null 2>&1) && downloaded ||
      die "apt-get download ${PACKAGES[*]} failed: the image runtime takes glibc and CA certificates
from Debian's packages. Run 'apt-get update' as root once, or build from a base image of your own:
./mvnw -Pimages package -DskipTests -Dimage.base=<image>@sha256:<digest>"
  fi
fi

key=$( {
  sed -n 's/^\(JAVA_VERSION\|IMPLEMENTOR\|IMPLEMENTOR_VERSION\)=/\1=/p' "$JAVA_HOME/release"
  echo "modules=$MODULES"
  (cd "$debs" && ls ./*.deb)
  sha256sum <"$0"
} | sha256sum | cut -c1-16)
if [ -d "$out/root" ] && [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$key" ]; then
  exit 0
fi

work="$out/root.new"
rm -rf "$work"
mkdir -p "$work"

# glibc (the JVM links libc, libm, libdl, libpthread, librt and the loader; its zlib is built in)
# and the CA bundle as /etc/ssl/certs/ca-certificates.crt, with each package's copyright file.
unpacked="$out/unpacked"
rm -rf "$unpacked"
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$unpacked"; done
# Debian 12 ships them under /lib, newer releases under /usr/lib (and the loader in /usr/lib64).
(cd "$unpacked" && find lib lib64 usr/lib usr/lib64 -maxdepth 2 \( -type f -o -type l \) \
  \( -name '*.so*' -o -name 'ld-linux*' \) 2>/dev/null || true) | while read -r lib; do
  mkdir -p "$work/$(dirname "$lib")"
  cp -a "$unpacked/$lib" "$work/$lib"
done
# The kernel runs every dynamic binary through /lib64/ld-linux-x86-64.so.2: a file of its own
# there, whatever links the package used (the image has no /lib64 -> /usr/lib64 link).
loader=$(find "$unpacked" -name ld-linux-x86-64.so.2 -type f | LC_ALL=C sort | head -n 1)
[ -n "$loader" ] || die "no ld-linux-x86-64.so.2 in ${PACKAGES[0]}"
rm -f "$work/lib64/ld-linux-x86-64.so.2"
mkdir -p "$work/lib64"
cp "$loader" "$work/lib64/ld-linux-x86-64.so.2"
chmod 755 "$work/lib64/ld-linux-x86-64.so.2"
mkdir -p "$work/etc/ssl/certs"
find "$unpacked/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat \
  >"$work/etc/ssl/certs/ca-certificates.crt"
for doc in "$unpacked"/usr/share/doc/*/copyright; do
  name=$(basename "$(dirname "$doc")")
  mkdir -p "$work/usr/share/doc/$name"
  cp "$doc" "$work/usr/share/doc/$name/copyright"
done

# The Java runtime where the eclipse-temurin images keep theirs, so PATH is the same either way.
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --output "$work/opt/java/openjdk" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 2>&1 |
  { grep -v '^Warning\|^Linking based on' || true; }

# The one user the services run as (no shell, no home to write), names resolved from files first.
cat >"$work/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:$UID_GID:$UID_GID:wxrelay:/home/nonroot:/sbin/nologin
EOF
cat >"$work/etc/group" <<EOF
root:x:0:
nonroot:x:$UID_GID:
EOF
echo 'hosts: files dns' >"$work/etc/nsswitch.conf"
mkdir -p "$work/tmp" "$work/home/nonroot"

mkdir -p "$work/usr/share/doc/wxrelay-runtime"
{
  echo "java: $(sed -n 's/^IMPLEMENTOR="\(.*\)"/\1/p' "$JAVA_HOME/release")" \
    "$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")"
  echo "java modules: $MODULES"
  for deb in "$debs"/*.deb; do
    echo "debian: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
  done
} >"$work/usr/share/doc/wxrelay-runtime/versions"
cp "$work/usr/share/doc/wxrelay-runtime/versions" "$out/versions"

rm -rf "$out/root" "$unpacked"
mv "$work" "$out/root"
echo "$key" >"$out/stamp"
say "image runtime: $out/root ($(du -sh "$out/root" | cut -f1))"
