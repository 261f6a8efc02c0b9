#!/usr/bin/env bash
# Installs the kiosk's .deb with apt into a fresh Debian 12 root (debootstrap minbase) and checks the result
# (docs/deployment.md "Testing the package"): the postinst made the users, the installed host started as
# user passage serves the kiosk page, the session's user can read the page address and nobody else can, and
# the installed Chromium shows the attract screen. Takes minutes (apt fetches Chromium, cage and the fonts), so
# it is not part of `npm test`, whose fast variant is test/packaging/deb-package.test.ts.
#
# Usage, as root, from the project root: packaging/test-install-chroot.sh [dist/passage-kiosk_<v>_amd64.deb]
# Without an argument it builds the package first (npm run dist:deb). The last line says passed or failed.
set -eu
project=$(pwd)
deb=${1:-}
if [ -z "$deb" ]; then
  npm run -s dist:deb >/dev/null
  deb=$(ls -t "$project"/dist/passage-kiosk_*_amd64.deb | head -1)
fi
deb=$(readlink -f "$deb")
fail() { echo "install test failed: $*"; exit 1; }

mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
root=$(mktemp -d /var/tmp/passage-install.XXXX)
host_pid=
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; fi
  for m in dev/shm dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
  # Never remove a tree that still has this machine's /dev or /sys mounted in it.
  if ! grep -q " $root/" /proc/mounts; then rm -rf "$root"; fi
}
trap cleanup EXIT
trap "exit 1" INT TERM

# A fresh Debian 12: a minbase root left by an earlier fresh-root run, else a new debootstrap.
base=/var/tmp/passage-fresh-base.tar
if [ -s "$base" ]; then
  tar -C "$root" -xf "$base"
else
  debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null || fail "debootstrap"
fi
# Its users must be able to reach their files: the root directory as on any system.
chmod 755 "$root"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

# Node 20: Debian 12's nodejs is 18, so this machine's nodejs package is packed again as a .deb (its files as
# dpkg lists them), the way a kiosk gets it from its Node 20 repository.
node_stage=$(mktemp -d)
dpkg -L nodejs | while read -r f; do
  if [ -L "$f" ] || [ -f "$f" ]; then mkdir -p "$node_stage$(dirname "$f")"; cp -a "$f" "$node_stage$f"; fi
done
mkdir -p "$node_stage/DEBIAN"
printf 'Package: nodejs\nVersion: %s\nArchitecture: amd64\nMaintainer: repacked <repacked@passage.invalid>\nDescription: Node.js %s, repacked from this machine for the install test\n' \
  "$(dpkg-query -W -f='${Version}' nodejs)" "$(node -v)" >"$node_stage/DEBIAN/control"
dpkg-deb --root-owner-group -Znone --build "$node_stage" "$root/tmp/nodejs.deb" >/dev/null
rm -rf "$node_stage"
cp "$deb" "$root/tmp/passage-kiosk.deb"

mount -t proc proc "$root/proc"; mount --bind /sys "$root/sys"; mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"; mount --bind /dev/shm "$root/dev/shm"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }

start=$(date +%s)
in_root apt-get update -qq >/dev/null || fail "apt-get update"
in_root apt-get install -y -qq --no-install-recommends /tmp/nodejs.deb /tmp/passage-kiosk.deb >"$root/tmp/apt.log" 2>&1 \
  || { tail -20 "$root/tmp/apt.log"; fail "apt-get install"; }
echo "installed with its dependencies in $(( $(date +%s) - start )) s"

in_root id passage >/dev/null || fail "no user passage"
in_root id passage-kiosk >/dev/null || fail "no user passage-kiosk"
in_root id -nG passage | grep -qw dialout || fail "passage is not in dialout"
# No systemd runs in the root: create what it would at boot.
in_root systemd-tmpfiles --create /usr/lib/tmpfiles.d/passage.conf || fail "tmpfiles"
in_root install -d -o passage -g passage -m 0700 /var/lib/passage
cat >"$root/etc/passage/kiosk.json" <<'EOF'
{ "log": { "level": "warn" } }
EOF
in_root chown root:passage /etc/passage/kiosk.json
in_root chmod 640 /etc/passage/kiosk.json

port=18$(( RANDOM % 900 + 100 ))
chroot --userspec=passage:passage "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/passage XDG_DATA_HOME=/var/lib \
  PASSAGE_INSTALLED=1 /usr/bin/node /usr/lib/passage/bin/passage.js start --shell none --port "$port" \
  --config /etc/passage/kiosk.json --page-file /run/passage-page/page >"$root/tmp/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 180); do [ -s "$root/run/passage-page/page" ] && break; sleep 1; done
[ -s "$root/run/passage-page/page" ] || { tail -20 "$root/tmp/host.log"; fail "the installed host wrote no page address"; }
echo "installed host ready after $(( $(date +%s) - start )) s"

chroot --userspec=passage-kiosk:passage-kiosk "$root" cat /run/passage-page/page >/dev/null || fail "the session's user cannot read the page address"
if chroot --userspec=nobody:nogroup "$root" cat /run/passage-page/page >/dev/null 2>&1; then fail "another user can read the page address"; fi
url=$(sed -E 's/.*"url":"([^"]+)".*/\1/' "$root/run/passage-page/page")
# The installed Chromium, as the session's user, loads the page and runs it until the attract screen shows
# (without its sandbox: a chroot may not offer the namespaces it needs; the kiosk itself runs sandboxed).
dom=$(chroot --userspec=passage-kiosk:passage-kiosk "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp \
  chromium --headless --no-sandbox --disable-gpu --no-first-run --virtual-time-budget=15000 --dump-dom "$url" 2>/dev/null) || true
echo "$dom" | grep -q 'data-screen="attract"' || { echo "$dom" | head -c 600; tail -5 "$root/tmp/host.log"; fail "the kiosk page did not show the attract screen"; }
echo "fresh Debian 12 root: the .deb installed, and its host served the kiosk page to the installed Chromium ($(( $(date +%s) - start )) s): passed"
