#!/usr/bin/env bash
# scripts/pgversion.sh VERSION: build paginate and run its suites against
# PostgreSQL VERSION (17, 18 or 19) from Debian's own packages, in a chroot
# of the Debian suite that ships that version:
#
#   17  trixie
#   18  sid
#   19  experimental (on sid); no pgTAP package: pgTAP is built from
#       Debian's source of it
#
# The chroot is made by debootstrap (minbase) under .chroots/pgVERSION
# (PAGINATE_CHROOTS names another directory) with the server, its dev
# package, pgTAP and pg_prove, and reused when it is already there.  Each
# run copies the project's tracked files (as they are in the work tree) to
# /src/paginate inside it and runs scripts/test.sh there with
# PAGINATE_PG=VERSION: regress, pgTAP, isolation and the upgrade test (the
# suites that need only PostgreSQL; scripts/common.sh).  The cluster listens
# on port 543VERSION.  The last line is test.sh's "N passed, N failed"; the
# exit code is test.sh's.  Needs root (debootstrap, chroot, mount).  /dev is
# bound into the chroot read-only; "scripts/pgversion.sh clean" unmounts
# what an interrupted run left behind and only then deletes .chroots (never
# rm -rf a chroot that still has the host's /dev mounted in it).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

die() { echo "pgversion.sh: $*" >&2; exit 2; }
version=${1:-}
# scripts/pgversion.sh clean: unmount what an interrupted run left mounted,
# then delete the chroots
if [[ $version == clean ]]; then
    [[ $(id -u) -eq 0 ]] || die "needs root"
    chroots=${PAGINATE_CHROOTS:-$root/.chroots}
    for m in "$chroots"/pg*/dev/shm "$chroots"/pg*/dev "$chroots"/pg*/proc; do
        if mountpoint -q "$m" 2>/dev/null; then umount -l "$m"; fi
    done
    if findmnt -rn -o TARGET | grep -qF "$chroots/"; then
        die "something is still mounted under $chroots: not deleting it"
    fi
    rm -rf "$chroots"
    echo "pgversion.sh: removed $chroots"
    exit 0
fi
case $version in
    17) suite=trixie ;;
    18) suite=sid ;;
    19) suite=experimental ;;
    *) die "usage: scripts/pgversion.sh 17|18|19|clean" ;;
esac
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, chroot, mount)"

chroots=${PAGINATE_CHROOTS:-$root/.chroots}
dir=$chroots/pg$version
ready=$dir/.paginate-ready
mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
mirror=${mirror:-http://deb.debian.org/debian}
in_chroot() { chroot "$dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
    DEBIAN_FRONTEND=noninteractive "$@"; }

mounted=()
unmount() {
    local m i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        m=${mounted[i]}
        umount -l "$m" 2>/dev/null || true
    done
}
trap unmount EXIT
mount_in() { # type-or-bind source target
    mountpoint -q "$3" && return 0
    if [[ $1 == bind ]]; then
        # read-only: devices work as ever, but nothing inside (nor an rm -rf
        # of the chroot while it is mounted) can delete the host's /dev
        mount --bind "$2" "$3" && mount -o remount,bind,ro "$3"
    else
        mount -t "$1" "$2" "$3"
    fi
    mounted+=("$3")
}

if [[ ! -f $ready ]]; then
    t0=$(date +%s)
    command -v debootstrap >/dev/null || bash scripts/deps.sh debootstrap
    echo "== chroot: debootstrap ${suite/experimental/sid} into $dir"
    rm -rf "$dir"
    mkdir -p "$chroots"
    debootstrap --variant=minbase "${suite/experimental/sid}" "$dir" "$mirror" >"$chroots/pg$version.debootstrap.log" 2>&1 ||
        { tail -n 20 "$chroots/pg$version.debootstrap.log" >&2; die "debootstrap failed"; }
    # no service starts inside; sid's Release files may be past their Valid-Until
    printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
    chmod +x "$dir/usr/sbin/policy-rc.d"
    echo 'Acquire::Check-Valid-Until "false";' >"$dir/etc/apt/apt.conf.d/99paginate"
    base=${suite/experimental/sid}
    {
        echo "deb $mirror $base main"
        echo "deb-src $mirror $base main"
        [[ $suite == experimental ]] && echo "deb $mirror experimental main"
    } >"$dir/etc/apt/sources.list"
    # from experimental only PostgreSQL's own packages (all of it would
    # bring in a perl that sid's packages conflict with)
    if [[ $suite == experimental ]]; then
        printf '%s\n' 'Package: postgresql* libpq*' 'Pin: release a=experimental' 'Pin-Priority: 990' \
            >"$dir/etc/apt/preferences.d/paginate"
    fi
fi

mount_in proc proc "$dir/proc"
mount_in bind /dev "$dir/dev"
mount_in tmpfs shm "$dir/dev/shm"

if [[ ! -f $ready ]]; then
    echo "== chroot: PostgreSQL $version and its dev package, pgTAP, pg_prove"
    packages=(postgresql-"$version" postgresql-server-dev-"$version" libtap-parser-sourcehandler-pgtap-perl make gcc libc6-dev)
    [[ $version == 19 ]] || packages+=(postgresql-"$version"-pgtap)
    in_chroot apt-get update -q >"$chroots/pg$version.apt.log" 2>&1 &&
        in_chroot apt-get install -y -q --no-install-recommends "${packages[@]}" \
            >>"$chroots/pg$version.apt.log" 2>&1 ||
        { tail -n 30 "$chroots/pg$version.apt.log" >&2; die "apt-get install failed"; }
    if [[ $version == 19 ]]; then
        echo "== chroot: pgTAP from Debian's source, for PostgreSQL 19"
        in_chroot apt-get install -y -q --no-install-recommends dpkg-dev perl patch \
            >>"$chroots/pg$version.apt.log" 2>&1 ||
            { tail -n 30 "$chroots/pg$version.apt.log" >&2; die "apt-get install dpkg-dev failed"; }
        # apt-get source unpacks Debian's source package; where the mirror
        # serves only its upstream tarball (no .dsc), that is built
        in_chroot sh -c 'rm -rf /usr/src/pgtap && mkdir -p /usr/src/pgtap && cd /usr/src/pgtap &&
            { apt-get source -q pgtap || true; } &&
            { ls -d pgtap-*/ >/dev/null 2>&1 || tar xzf pgtap_*.orig.tar.gz; }' \
            >>"$chroots/pg$version.apt.log" 2>&1 ||
            { tail -n 30 "$chroots/pg$version.apt.log" >&2; die "apt-get source pgtap failed"; }
        in_chroot sh -c 'cd /usr/src/pgtap/pgtap-*/ && make PG_CONFIG=/usr/lib/postgresql/19/bin/pg_config &&
            make install PG_CONFIG=/usr/lib/postgresql/19/bin/pg_config' \
            >"$chroots/pg$version.pgtap.log" 2>&1 ||
            { tail -n 30 "$chroots/pg$version.pgtap.log" >&2; die "building pgTAP failed"; }
    fi
    in_chroot /usr/lib/postgresql/"$version"/bin/postgres --version
    touch "$ready"
    echo "chroot ready in $(($(date +%s) - t0))s"
fi

echo "== copy the project into $dir/src/paginate"
rm -rf "$dir/src/paginate"
mkdir -p "$dir/src/paginate"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$dir/src/paginate"

echo "== PostgreSQL $version: scripts/test.sh"
pgtap_from_source=0
[[ $version == 19 ]] && pgtap_from_source=1
in_chroot env PAGINATE_PG="$version" PAGINATE_PORT="543$version" \
    PAGINATE_PGTAP_FROM_SOURCE=$pgtap_from_source \
    bash -c 'cd /src/paginate && bash scripts/test.sh'
