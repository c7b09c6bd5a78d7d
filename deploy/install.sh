#!/usr/bin/env bash
# Install the Runet-30 kiosk on a Debian 12 PC: service user, code in /opt, venv, var/ (0700),
# systemd units, display-server lockdown. Idempotent: run it again after updating the checkout.
# `--dry-run` prints every step and changes nothing (no root needed). Explained in deploy/README.md.
set -euo pipefail

PREFIX=/opt/runet30-kiosk
KIOSK_USER=kiosk
VARIANT=x11
DRY_RUN=0
ENABLE=1
APT=1
WHEELS=""
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIOSK_HOME=/var/lib/runet30-kiosk
UNIT_DIR=/etc/systemd/system

usage() {
    cat <<'USAGE'
Usage: sudo deploy/install.sh [options]
  --dry-run           print what would be done, change nothing
  --prefix DIR        where the kiosk lives (default /opt/runet30-kiosk)
  --user NAME         service user (default kiosk)
  --variant x11|cage  display set-up: bare X session (default) or the cage Wayland compositor
  --wheels DIR        install Python packages offline from this folder of wheels
  --no-apt            do not install Debian packages (they are already there)
  --no-enable         install the units but do not enable them at boot
USAGE
}

while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --prefix) PREFIX="${2:?--prefix needs a folder}"; shift ;;
        --user) KIOSK_USER="${2:?--user needs a name}"; shift ;;
        --variant) VARIANT="${2:?--variant needs x11 or cage}"; shift ;;
        --wheels) WHEELS="${2:?--wheels needs a folder}"; shift ;;
        --no-apt) APT=0 ;;
        --no-enable) ENABLE=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

case "$VARIANT" in x11|cage) ;; *) echo "install.sh: --variant must be x11 or cage, not '$VARIANT'" >&2; exit 2 ;; esac
case "$PREFIX" in /*) ;; *) echo "install.sh: --prefix must be an absolute path" >&2; exit 2 ;; esac

note() { printf '== %s\n' "$*"; }

# run CMD...: do it, or in --dry-run print it (shell-quoted) instead.
run() {
    if [ "$DRY_RUN" = 1 ]; then
        printf '+'; printf ' %q' "$@"; printf '\n'
    else
        "$@"
    fi
}

# put_file SRC DEST MODE: copy a deploy/ template, with the prefix and user of this install filled in.
put_file() {
    local src="$1" dest="$2" mode="$3"
    if [ "$DRY_RUN" = 1 ]; then
        printf '+ install -m %s %s %s  (paths: %s, user: %s)\n' "$mode" "$src" "$dest" "$PREFIX" "$KIOSK_USER"
        return
    fi
    local tmp
    tmp="$(mktemp)"
    sed -e "s#/opt/runet30-kiosk#${PREFIX}#g" -e "s#^User=kiosk\$#User=${KIOSK_USER}#" \
        -e "s#^Group=kiosk\$#Group=${KIOSK_USER}#" "$src" > "$tmp"
    install -D -m "$mode" -o root -g root "$tmp" "$dest"
    rm -f "$tmp"
}

if [ "$DRY_RUN" = 1 ]; then
    note "dry run: nothing is changed; these are the steps"
elif [ "$(id -u)" != 0 ]; then
    echo "install.sh: run as root (sudo deploy/install.sh), or try --dry-run" >&2
    exit 1
fi
[ -f "$SOURCE/run_kiosk.py" ] || { echo "install.sh: $SOURCE does not look like the kiosk checkout" >&2; exit 1; }

note "1. Debian packages"
if [ "$APT" = 1 ]; then
    packages=(python3 python3-venv rsync libasound2 alsa-utils)
    if [ "$VARIANT" = x11 ]; then
        packages+=(xserver-xorg-core xserver-xorg-input-libinput xserver-xorg-video-fbdev xserver-xorg-video-vesa
                   xinit x11-xserver-utils)
    else
        packages+=(cage kbd)   # kbd: setvtrgb, the branded console colour while cage restarts
    fi
    run apt-get update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
else
    note "   skipped (--no-apt)"
fi

note "2. service user '$KIOSK_USER' (no password, no shell, home $KIOSK_HOME)"
if getent passwd "$KIOSK_USER" >/dev/null; then
    note "   exists"
else
    run useradd --system --user-group --create-home --home-dir "$KIOSK_HOME" --shell /usr/sbin/nologin \
        --comment "Runet-30 kiosk" "$KIOSK_USER"
fi
for group in audio video input render; do
    if getent group "$group" >/dev/null; then
        run usermod -a -G "$group" "$KIOSK_USER"
    fi
done

note "3. code in $PREFIX (owned by root: the kiosk can read it, not change it)"
if [ "$SOURCE" != "$PREFIX" ]; then
    keep=()
    if [ -f "$PREFIX/config/kiosk.yaml" ]; then
        # This PC's settings (screen, schedule, PIN hash) survive an update; compare with the .dist copy.
        keep=(--exclude=/config/kiosk.yaml)
        note "   keeping this PC's config/kiosk.yaml; the release's version is written to config/kiosk.yaml.dist"
    fi
    run mkdir -p "$PREFIX"
    run rsync -a --delete --exclude=/.git/ --exclude=/.venv/ --exclude=/var/ --exclude=/out/ --exclude=__pycache__/ \
        --exclude='*.egg-info/' --exclude=.pytest_cache/ --exclude=.mypy_cache/ --exclude=.ruff_cache/ \
        "${keep[@]}" "$SOURCE/" "$PREFIX/"
    if [ ${#keep[@]} -gt 0 ]; then
        run install -m 0644 "$SOURCE/config/kiosk.yaml" "$PREFIX/config/kiosk.yaml.dist"
    fi
fi
run chown -R root:root "$PREFIX"
run find "$PREFIX" -path "$PREFIX/var" -prune -o -path "$PREFIX/.venv" -prune -o -exec chmod go-w {} +

note "4. Python environment $PREFIX/.venv"
if [ -x "$PREFIX/.venv/bin/python" ]; then
    note "   exists: updating packages"
else
    run python3 -m venv "$PREFIX/.venv"
fi
if [ -n "$WHEELS" ]; then
    run "$PREFIX/.venv/bin/pip" install --no-index --find-links "$WHEELS" "$PREFIX"
else
    run "$PREFIX/.venv/bin/pip" install --no-cache-dir "$PREFIX"
fi
run "$PREFIX/.venv/bin/python" -m compileall -q "$PREFIX/kiosk" "$PREFIX/scenes" "$PREFIX/run_kiosk.py"

note "5. var/ for logs, votes and analytics: owner $KIOSK_USER, mode 0700, files 0600"
run install -d -m 0700 -o "$KIOSK_USER" -g "$KIOSK_USER" "$PREFIX/var"
run chown -R "$KIOSK_USER:$KIOSK_USER" "$PREFIX/var"
run find "$PREFIX/var" -type d -exec chmod 0700 {} +
run find "$PREFIX/var" -type f -exec chmod 0600 {} +

note "6. lockdown of the PC (no consoles, no SysRq, no Ctrl+Alt+Del reboot)"
put_file "$SOURCE/deploy/system/pam-runet30-kiosk" /etc/pam.d/runet30-kiosk 0644
put_file "$SOURCE/deploy/system/90-runet30-kiosk-sysctl.conf" /etc/sysctl.d/90-runet30-kiosk.conf 0644
put_file "$SOURCE/deploy/system/logind-runet30-kiosk.conf" /etc/systemd/logind.conf.d/runet30-kiosk.conf 0644
put_file "$SOURCE/deploy/system/journald-runet30-kiosk.conf" /etc/systemd/journald.conf.d/runet30-kiosk.conf 0644
run systemctl mask ctrl-alt-del.target
run sysctl -q -p /etc/sysctl.d/90-runet30-kiosk.conf

# Desktop pieces a visitor could reach (panels, edge swipes, long-press menus, on-screen keyboards) must not be
# on this PC; nothing here installs them, but say so if an earlier set-up did.
reachable=()
for pkg in onboard florence matchbox-keyboard squeekboard maliit-keyboard caribou gnome-shell plasma-workspace \
           xfce4-panel lxpanel lxqt-panel mate-panel cinnamon xdg-desktop-portal-gnome; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        reachable+=("$pkg")
    fi
done
if [ ${#reachable[@]} -gt 0 ]; then
    note "   WARNING: desktop packages a visitor could reach are installed: ${reachable[*]}"
    note "   remove them: apt-get purge ${reachable[*]} (the kiosk needs no desktop; see deploy/README.md)"
else
    note "   no desktop, panel or on-screen keyboard packages installed (good)"
fi

note "7. systemd units ($VARIANT)"
if [ "$VARIANT" = x11 ]; then
    put_file "$SOURCE/deploy/x11/10-runet30-kiosk.conf" /etc/X11/xorg.conf.d/10-runet30-kiosk.conf 0644
    put_file "$SOURCE/deploy/x11/runet30-x11.service" "$UNIT_DIR/runet30-x11.service" 0644
    put_file "$SOURCE/deploy/runet30-kiosk.service" "$UNIT_DIR/runet30-kiosk.service" 0644
    units=(runet30-x11.service runet30-kiosk.service)
    other=(runet30-kiosk-cage.service)
else
    put_file "$SOURCE/deploy/wayland/runet30-kiosk-cage.service" "$UNIT_DIR/runet30-kiosk-cage.service" 0644
    units=(runet30-kiosk-cage.service)
    other=(runet30-x11.service runet30-kiosk.service)
fi
run systemctl daemon-reload
for unit in "${other[@]}"; do
    if [ -f "$UNIT_DIR/$unit" ]; then
        run systemctl disable "$unit"
    fi
done
run systemctl set-default graphical.target
if [ "$ENABLE" = 1 ]; then
    run systemctl enable "${units[@]}"
else
    note "   not enabled (--no-enable): systemctl enable ${units[*]}"
fi

note "8. quick self-test as $KIOSK_USER (a headless display is fine here)"
run runuser -u "$KIOSK_USER" -- env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
    "$PREFIX/.venv/bin/python" "$PREFIX/run_kiosk.py" selftest --quick --config "$PREFIX/config/kiosk.yaml" \
    || note "   self-test reported FAIL lines above: fix them, then run this script again"

note "done. Reboot to start the kiosk (or: systemctl start ${units[*]})."
note "Logs: journalctl -u ${units[*]} ; $PREFIX/var/log/"
