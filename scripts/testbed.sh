#!/usr/bin/env bash
# Local build testbed: real Docker engines (Debian sid or trixie builds), a registry on
# loopback, BuildKit endpoints for buildx's `remote` driver, and multi-arch base images.
#
#   scripts/testbed.sh up   [--stack sid|trixie]   start (idempotent); prints the env.sh path
#   scripts/testbed.sh down [--stack sid|trixie]   stop everything `up` started; keeps the cache
#   scripts/testbed.sh env  [--stack sid|trixie]   print the env.sh path if up, else exit 1
#   scripts/testbed.sh tools                       provision the shared tools only (cosign); no daemons
#   scripts/testbed.sh buildkit-image [--stack S]   (re)build the own-BuildKit image for a testbed
#                                                  that is up, and record it; no daemon is touched
#
# Stack default: $TESTBED_STACK, else sid. State: $TESTBED_DIR (default <repo>/.testbed).
# `up` writes <stack>/env.sh (source it: DOCKER_HOST, DOCKER_CONFIG, PATH, TESTBED_*) and
# <stack>/testbed.json (the same values, camelCase). `down` keeps downloads, unpacked
# packages and logs (<stack>/logs; the run before in logs.prev); delete cache/<stack> to refetch.
# TESTBED_DOCKER_HOST=unix://... uses an existing engine as engine 1 (no node2 or classic then).
# Engines: main (containerd image store), node2 (a second node for multi-node builders) and
# classic (the classic image store, as every engine installed before Docker 29 keeps it). A
# stand-in BuildKit image (<registry>/buildkit-standin) serves buildx's docker-container driver:
# its buildctl dial-stdio bridges to the main engine's BuildKit (see make_buildkit_standin), so
# all such builders share one cache. <registry>/buildkit-own:<stack> has a BuildKit of its own
# per container (a dockerd inside; see make_buildkit_own).
# TESTBED_DEBIAN_MIRROR overrides the Debian mirror read from the machine's apt sources.
# Needs root: it installs host packages, mounts binfmt_misc and runs dockerd.
# Both stacks can be up at once: every engine has a bridge of its own (never docker0).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TESTBED_DIR=${TESTBED_DIR:-$REPO/.testbed}
PROXY_JS=$REPO/scripts/buildkit-proxy.mjs
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
STACKS=(sid trixie)
# tini(-static): dockerd's docker-init (`docker run --init`); "a|b" takes the first that exists.
STACK_PACKAGES=(docker.io docker-cli docker-buildx containerd 'tini-static|tini')
HOST_PACKAGES=(runc qemu-user-static binfmt-support)
# cosign (signing): sid's package for both stacks (a static Go binary), in the shared tools folder.
COSIGN_SUITE=sid
# Daemons in stop order: the clients of an engine go before the engine.
DAEMONS=(proxy-main proxy-node2 registry dockerd-main dockerd-node2 dockerd-classic)
ENGINES=(main node2 classic)
# Directories dockerd, containerd and runc create on the host whatever their roots are.
SYSTEM_RUN_DIRS=(/run/containerd /run/docker /run/runc)

log() { printf '[testbed] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,21s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# ---------------------------------------------------------------- paths
set_stack() {
  STACK=$1
  [[ " ${STACKS[*]} " == *" $STACK "* ]] || die "unknown stack '$STACK' (one of: ${STACKS[*]})"
  SD=$TESTBED_DIR/$STACK
  ROOT=$SD/root                       # the stack's packages, unpacked
  RUN=$SD/run                         # pid records
  LOGS=$SD/logs
  MAIN_SOCK=$SD/docker.sock
  NODE2_SOCK=$SD/node2.sock
  CLASSIC_SOCK=$SD/classic.sock
  STACK_CACHE=$TESTBED_DIR/cache/$STACK
  HOST_CACHE=$TESTBED_DIR/cache/host  # registry and busybox, from the machine's own suite
  TOOLS=$TESTBED_DIR/tools            # ...unpacked; shared by both stacks
  ENV_FILE=$SD/env.sh
  JSON_FILE=$SD/testbed.json
  MAIN_BRIDGE=tb-$STACK-m             # network interface names have at most 15 bytes
  NODE2_BRIDGE=tb-$STACK-n2
  CLASSIC_BRIDGE=tb-$STACK-c
  case $STACK in
    sid) MAIN_SUBNET=172.31.252.1 NODE2_SUBNET=172.31.254.1 CLASSIC_SUBNET=172.31.250.1 ;;
    trixie) MAIN_SUBNET=172.31.251.1 NODE2_SUBNET=172.31.253.1 CLASSIC_SUBNET=172.31.249.1 ;;
  esac
}

# ---------------------------------------------------------------- processes
# A pid record holds "PID STARTTIME", so a recycled pid is never mistaken for ours.
proc_start_time() { sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }
proc_state() { sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1; }
pid_running() { [[ -e /proc/$1 ]] && [[ $(proc_state "$1") != Z ]]; }

record_proc() { # NAME PID
  echo "$2 $(proc_start_time "$2")" >"$RUN/$1.proc"
}

recorded_pid() { # NAME -> pid if that recorded process is still the one we started
  local f=$RUN/$1.proc pid start
  [[ -f $f ]] || return 1
  read -r pid start <"$f" || return 1
  pid_running "$pid" && [[ $(proc_start_time "$pid") == "$start" ]] && echo "$pid"
}

# Start a daemon in its own session (it must outlive this script), logging to LOGFILE.
# fd 9 (our lock) is closed so the daemon does not hold the lock forever.
spawn() { # NAME LOGFILE CMD...
  local name=$1 logfile=$2; shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  record_proc "$name" "$!"
}

descendants() { # PID... -> all their descendants
  local p c
  for p in "$@"; do
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do
      echo "$c"
      descendants "$c"
    done
  done
}

# SIGTERM, wait up to 10 s, then SIGKILL whatever is left, and wait for it to go.
terminate() { # PID...
  local p i left=()
  for p in "$@"; do pid_running "$p" && left+=("$p"); done
  ((${#left[@]})) || return 0
  kill -TERM "${left[@]}" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    local still=()
    for p in "${left[@]}"; do pid_running "$p" && still+=("$p"); done
    left=("${still[@]+"${still[@]}"}")
    ((${#left[@]})) || return 0
    sleep 0.1
  done
  log "still running after 10 s, sending SIGKILL: ${left[*]}"
  kill -KILL "${left[@]}" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    local still=()
    for p in "${left[@]}"; do pid_running "$p" && still+=("$p"); done
    ((${#still[@]})) || return 0
    sleep 0.1
  done
  log "warning: could not kill: ${left[*]}"
}

# Unmount everything mounted below DIR, deepest first (dockerd's private remount of its
# data root, containerd snapshotter overlays left by a killed daemon).
unmount_under() { # DIR
  local dir=$1 m round
  for ((round = 0; round < 5; round++)); do
    local mounts=()
    while read -r m; do mounts+=("$(printf '%b' "$m")"); done < <(
      awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
    ((${#mounts[@]})) || return 0
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  done
  log "warning: mounts left under $dir"
}

stack_running() { # STACK -> true if any process recorded for it is alive
  local n f pid start
  for n in "${DAEMONS[@]}"; do
    f=$TESTBED_DIR/$1/run/$n.proc
    [[ -f $f ]] && read -r pid start <"$f" && pid_running "$pid" &&
      [[ $(proc_start_time "$pid") == "$start" ]] && return 0
  done
  return 1
}

stop_stack() {
  local n pid pids=() extra=() inits=() f
  for n in "${DAEMONS[@]}"; do
    pid=$(recorded_pid "$n") && pids+=("$pid")
  done
  # Collect before stopping: dockerd's containerd and BuildKit's children, plus containers
  # and their shims, which daemonize away from containerd: find them from the containers'
  # init.pid files (a shim is the parent of its container's init).
  local e execs=()
  for e in "${ENGINES[@]}"; do [[ -d $SD/$e/exec ]] && execs+=("$SD/$e/exec"); done
  for f in "${execs[@]/%//containerd/containerd.pid}" \
    $( ((${#execs[@]})) && find "${execs[@]}" -name init.pid -path '*runtime.v2.task*' 2>/dev/null); do
    [[ -f $f ]] || continue
    pid=$(<"$f")
    if ! [[ $pid =~ ^[0-9]+$ ]] || ! pid_running "$pid"; then continue; fi
    if [[ $f == */init.pid ]]; then
      inits+=("$pid")
      pid=$(ps -o ppid= -p "$pid" | tr -d ' ')
      [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$ROOT"/* ]] || continue
    fi
    extra+=("$pid")
  done
  mapfile -t extra < <({
    printf '%s\n' "${extra[@]+"${extra[@]}"}"
    descendants "${pids[@]+"${pids[@]}"}" "${extra[@]+"${extra[@]}"}"
  } | awk NF | sort -un)
  local all=("${pids[@]+"${pids[@]}"}" "${extra[@]+"${extra[@]}"}")
  ((${#all[@]} == 0)) || log "stopping $STACK testbed (pids: ${all[*]})"
  # Test containers hold nothing worth a graceful stop, and dockerd would give each 10 s.
  ((${#inits[@]})) && { kill -KILL "${inits[@]}" 2>/dev/null || true; }
  terminate "${pids[@]+"${pids[@]}"}"
  terminate "${extra[@]+"${extra[@]}"}" # normally gone with their parents already
  unmount_under "$SD"
  # System leftovers, removed only if this testbed created them.
  local br
  for br in "$MAIN_BRIDGE" "$NODE2_BRIDGE" "$CLASSIC_BRIDGE"; do
    if [[ -f $RUN/created-$br ]] && ip link show "$br" >/dev/null 2>&1; then
      ip link delete "$br" 2>/dev/null || log "warning: could not delete network interface $br"
    fi
  done
  local d
  for d in "${SYSTEM_RUN_DIRS[@]}"; do # only emptied directories, never anything in them
    if [[ -f $RUN/created-${d//\//_} && -d $d ]]; then
      find "$d" -depth -type d -empty -delete 2>/dev/null || true
    fi
  done
  rm -rf "$RUN"
}

# Runtime state goes; the download cache, unpacked packages and logs stay.
wipe_state() {
  local d
  for d in main node2 classic registry docker-config ctx; do
    [[ -e $SD/$d ]] || continue
    rm -rf --one-file-system "${SD:?}/$d" || die "could not remove $SD/$d (still mounted?)"
  done
  rm -f "$ENV_FILE" "$JSON_FILE" "$SD/registry.yml" "$MAIN_SOCK" "$NODE2_SOCK" "$CLASSIC_SOCK"
}

# ---------------------------------------------------------------- packages
# The Debian mirror this machine already uses (deb822 .sources or one-line .list files).
debian_mirror() {
  if [[ -n ${TESTBED_DEBIAN_MIRROR:-} ]]; then echo "$TESTBED_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$({
    sed -nE 's/^[[:space:]]*URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
    sed -nE 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
  } | grep -E '^https?://.*/debian/?$' | head -n1 || true)
  [[ -n $uri ]] || die "no Debian mirror in the apt sources; set TESTBED_DEBIAN_MIRROR"
  echo "${uri%/}"
}

host_suite() {
  local id='' codename=''
  id=$(. /etc/os-release && echo "${ID:-}")
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [[ $id == debian && -n $codename ]]; then echo "$codename"; else echo bookworm; fi
}

# apt-get with its own sources, lists and cache: sid/trixie never reach the machine's apt
# (an `apt-get install` while they are in the system sources would upgrade libc).
apt_private() { # apt-get|apt-cache SUITE ARCHS ARGS...
  local tool=$1 suite=$2 archs=$3; shift 3
  local dir=$TESTBED_DIR/cache/apt/$suite-${archs//,/-}
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  echo "deb [signed-by=$KEYRING arch=$archs] $MIRROR $suite main" >"$dir/sources.list"
  "$tool" -q \
    -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
    -o Dir::Cache::pkgcache=pkgcache.bin -o Dir::Cache::srcpkgcache=srcpkgcache.bin \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
    -o APT::Architectures="$archs" -o Acquire::Languages=none -o APT::Sandbox::User=root \
    "$@"
}

# Download PKGS into DEST once; later calls (and `up` after `down`) use the cache offline.
# To pick up newer packages, delete DEST.
fetch_debs() { # DEST SUITE ARCHS PKG...
  local dest=$1 suite=$2 archs=$3; shift 3
  local want="$suite $archs $*"
  [[ -f $dest/.fetched && $(<"$dest/.fetched") == "$want" ]] && return 0
  log "downloading from $suite ($archs): $*"
  [[ -n ${MIRROR:-} ]] || MIRROR=$(debian_mirror)
  apt_private apt-get "$suite" "$archs" update >>"$LOGS/apt.log" 2>&1 ||
    { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get update for $suite failed"; }
  local spec alt pkgs=()
  for spec in "$@"; do
    for alt in ${spec//|/ }; do
      apt_private apt-cache "$suite" "$archs" show "$alt" >/dev/null 2>&1 && break
    done
    pkgs+=("$alt")
  done
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  (cd "$dest.tmp" && apt_private apt-get "$suite" "$archs" download "${pkgs[@]}") >>"$LOGS/apt.log" 2>&1 ||
    { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get download from $suite failed"; }
  rm -rf "$dest" && mv "$dest.tmp" "$dest"
  echo "$want" >"$dest/.fetched"
}

unpack_debs() { # DEST DEB... (re-unpacks only when the set of .debs changed)
  local dest=$1 d stamp; shift
  stamp=$(for d in "$@"; do basename "$d"; done)
  [[ -f $dest/.unpacked && $(<"$dest/.unpacked") == "$stamp" ]] && return 0
  rm -rf "$dest" && mkdir -p "$dest"
  for d in "$@"; do dpkg-deb -x "$d" "$dest"; done
  echo "$stamp" >"$dest/.unpacked"
}

# cosign from Debian's package, unpacked into the shared tools folder; prints its path.
provision_cosign() {
  local cache=$TESTBED_DIR/cache/cosign
  fetch_debs "$cache" "$COSIGN_SUITE" amd64 cosign
  unpack_debs "$TOOLS/cosign" "$cache"/cosign_*.deb
  [[ -x $TOOLS/cosign/usr/bin/cosign ]] || die "the cosign package has no usr/bin/cosign"
  "$TOOLS/cosign/usr/bin/cosign" version >>"$LOGS/cosign.log" 2>&1 ||
    { tail -n 20 "$LOGS/cosign.log" >&2; die "cosign does not run"; }
  echo "$TOOLS/cosign/usr/bin/cosign"
}

ensure_host_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing host packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1; then
    apt-get update >>"$LOGS/apt.log" 2>&1 || true # stale lists; a failing extra source is not fatal
    apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1 ||
      { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
  fi
}

# linux/arm64 RUN steps need qemu registered with binfmt_misc (flag F: works in containers).
ensure_binfmt() {
  [[ -e /proc/sys/fs/binfmt_misc/register ]] ||
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || die "cannot mount binfmt_misc"
  if ! grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    update-binfmts --enable qemu-aarch64 || die "cannot register qemu-aarch64 with binfmt_misc"
  fi
  "$TOOLS/busybox-arm64/bin/busybox" true || die "arm64 emulation does not work"
}

# Root filesystem: static busybox and its applet links (listed by the native binary).
make_rootfs() { # ARCH
  local arch=$1 dir=$TOOLS/rootfs-$1 l
  [[ -x $dir/bin/busybox ]] && return 0
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/bin" "$dir.tmp/etc" "$dir.tmp/root" "$dir.tmp/tmp"
  chmod 1777 "$dir.tmp/tmp"
  cp "$TOOLS/busybox-$arch/bin/busybox" "$dir.tmp/bin/busybox"
  for l in $("$TOOLS/busybox-amd64/bin/busybox" --list-full); do
    [[ $l == bin/busybox ]] && continue
    mkdir -p "$dir.tmp/$(dirname "$l")"
    ln -sf /bin/busybox "$dir.tmp/$l"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$dir.tmp/etc/passwd"
  printf 'root:x:0:\n' >"$dir.tmp/etc/group"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

# A stand-in for the moby/buildkit image (which cannot be pulled here), for buildx's
# docker-container driver: buildx runs the image's `buildkitd` as the container's process and
# reaches BuildKit through `docker exec CONTAINER buildctl dial-stdio`. Here buildkitd only stays
# alive, and buildctl dial-stdio pipes stdio (busybox nc) to the main engine's BuildKit proxy on
# loopback, so the container needs driver-opts network=host. buildctl's other subcommands that
# buildx calls while booting answer success. The build itself runs on a real BuildKit.
make_buildkit_standin() { # REGISTRY PROXY-PORT
  local reg=$1 port=$2 dir=$SD/buildkit-standin
  rm -rf "$dir" && cp -a "$TOOLS/rootfs-amd64" "$dir"
  rm -f "$dir/usr/bin/buildkitd" "$dir/usr/bin/buildctl"
  printf '%s\n' '#!/bin/sh' "trap 'exit 0' TERM INT" 'while :; do sleep 3600 & wait $!; done' >"$dir/usr/bin/buildkitd"
  printf '%s\n' '#!/bin/sh' 'case "$*" in' "  *dial-stdio*) exec nc 127.0.0.1 $port ;;" '  *) exit 0 ;;' 'esac' >"$dir/usr/bin/buildctl"
  chmod 755 "$dir/usr/bin/buildkitd" "$dir/usr/bin/buildctl"
  tar -C "$dir" -c . |
    docker import --change 'ENTRYPOINT ["buildkitd"]' - "$reg/buildkit-standin:latest" >/dev/null ||
    die "docker import of the BuildKit stand-in image failed"
  docker push -q "$reg/buildkit-standin:latest" >>"$LOGS/base-images.log" 2>&1 ||
    { tail -n 20 "$LOGS/base-images.log" >&2; die "push of the BuildKit stand-in image failed"; }
  rm -rf "$dir"
}

# An image for buildx's docker-container driver with a BuildKit of its own (prints its name):
# its buildkitd starts a dockerd inside the container (the stack's engine, containerd and
# docker-init, the machine's runc, and the shared libraries they load), and buildctl dial-stdio
# is a small static helper that dials that engine's embedded BuildKit. Each builder thus has its
# own cache and state, and its buildkitd flags and config reach the engine where dockerd has a
# counterpart (scripts/buildkit-own/buildkitd says which). Needs driver-opts network=host (the
# registry is on loopback) and the privileged container buildx makes by default.
make_buildkit_own() { # REGISTRY
  local reg=$1 dir=$SD/buildkit-own image=$1/buildkit-own:$STACK src=$REPO/scripts/buildkit-own b lib
  local bins=("$ROOT/usr/sbin/dockerd" "$ROOT/usr/bin/containerd" "$ROOT/usr/bin/containerd-shim-runc-v2"
    "$ROOT/usr/bin/docker-init" /usr/sbin/runc)
  ensure_host_packages gcc libc6-dev # for the static dial-stdio helper
  rm -rf "$dir" && cp -a "$TOOLS/rootfs-amd64" "$dir"
  mkdir -p "$dir/usr/libexec/buildkit-own" "$dir/lib64" "$dir/etc/buildkit" "$dir/var/lib/buildkit" "$dir/run"
  gcc -static -Os -Wall -Werror -o "$dir/usr/libexec/buildkit-own/dial-stdio" "$src/dial-stdio.c" ||
    die "could not compile $src/dial-stdio.c"
  for b in "${bins[@]}"; do
    [[ -x $b ]] || die "missing $b"
    cp "$b" "$dir/usr/bin/"
    # the libraries at the paths the loader looks them up (the machine's own: the stack's
    # binaries need only glibc 2.34)
    for lib in $(ldd "$b" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*'); do
      mkdir -p "$dir$(dirname "$lib")" && cp -L "$lib" "$dir$lib"
    done
  done
  cp "$src/buildkitd" "$src/buildctl" "$dir/usr/bin/"
  chmod 755 "$dir/usr/bin/buildkitd" "$dir/usr/bin/buildctl"
  tar -C "$dir" -c . |
    docker import --change 'ENTRYPOINT ["buildkitd"]' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$image" >/dev/null ||
    die "docker import of the own-BuildKit image failed"
  docker push -q "$image" >>"$LOGS/base-images.log" 2>&1 ||
    { tail -n 20 "$LOGS/base-images.log" >&2; die "push of the own-BuildKit image failed"; }
  rm -rf "$dir"
  echo "$image"
}

# ---------------------------------------------------------------- services
free_ports() { # N -> N distinct free loopback ports
  node -e '
    const net = require("net");
    const n = Number(process.argv[1]);
    const servers = [];
    for (let i = 0; i < n; i++) {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        servers.push(s);
        if (servers.length === n) {
          console.log(servers.map((x) => x.address().port).join(" "));
          servers.forEach((x) => x.close());
        }
      });
    }' "$1"
}

# Checks the output too: docker 26's `info --format` exits 0 when the daemon is unreachable.
engine_answers() { # DOCKER_HOST
  [[ -n $(DOCKER_HOST=$1 timeout 10 "$ROOT/usr/bin/docker" info --format '{{.ServerVersion}}' 2>/dev/null) ]]
}

start_engine() { # NAME SOCKET DOCKERD-FLAGS...
  local name=$1 sock=$2 d=$SD/$1; shift 2
  mkdir -p "$d/data" "$d/exec" "$d/tmp"
  # The classic engine keeps the classic image store (overlay2): daemon.json without the feature.
  if [[ $name == classic ]]; then echo '{}' >"$d/daemon.json"; else echo '{"features":{"containerd-snapshotter":true}}' >"$d/daemon.json"; fi
  # The stack's binaries first, then only system dirs: the machine's runc (the stack's runc
  # would need a newer glibc). dockerd starts its own containerd under --exec-root/--data-root,
  # so two engines never share a containerd socket or state. TMPDIR keeps containerd's
  # temporary mounts under our dir.
  spawn "dockerd-$name" "$LOGS/dockerd-$name.log" \
    env PATH="$ROOT/usr/bin:$ROOT/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin" TMPDIR="$d/tmp" \
    "$ROOT/usr/sbin/dockerd" --config-file "$d/daemon.json" \
    --data-root "$d/data" --exec-root "$d/exec" --pidfile "$RUN/dockerd-$name.pid" \
    -H "unix://$sock" --iptables=false --ip6tables=false "$@"
}

# await_answer DAEMON TRIES LOG-LINES MESSAGE CHECK...: runs CHECK every 0.1 s, at most TRIES
# times, while DAEMON's recorded process lives; otherwise shows the end of its log and dies.
await_answer() {
  local daemon=$1 tries=$2 lines=$3 message=$4 i
  shift 4
  for ((i = 0; i < tries; i++)); do
    "$@" && return 0
    recorded_pid "$daemon" >/dev/null || break
    sleep 0.1
  done
  tail -n "$lines" "$LOGS/$daemon.log" >&2
  die "$message"
}

wait_engine() { # NAME SOCKET
  local name=$1 sock=$2
  await_answer "dockerd-$name" 600 40 "dockerd ($name) did not answer within 60 s (log: $LOGS/dockerd-$name.log)" engine_answers "unix://$sock"
}

# dockerd only creates docker0 itself; any other --bridge must exist with an IPv4 address.
create_bridge() { # NAME ADDRESS
  local br=$1 addr=$2
  ip link delete "$br" 2>/dev/null || true # ours, left by a killed run
  ip route show | grep -q "^${addr%.*}\\." &&
    die "subnet of $addr/24 is already routed here; cannot create $br"
  ip link add "$br" type bridge
  touch "$RUN/created-$br"
  ip addr add "$addr/24" dev "$br"
  ip link set "$br" up
}

registry_answers() { # PORT
  [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1/v2/") == 200 ]]
}

start_registry() { # PORT
  local port=$1
  mkdir -p "$SD/registry"
  cat >"$SD/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $SD/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
  spawn registry "$LOGS/registry.log" "$TOOLS/registry/usr/bin/docker-registry" serve "$SD/registry.yml"
  await_answer registry 300 20 "registry did not answer on 127.0.0.1:$port" registry_answers "$port"
}

proxy_answers() { # PORT
  timeout 10 node "$PROXY_JS" --check "127.0.0.1:$1" 2>/dev/null
}

start_proxy() { # NAME DOCKER-SOCKET PORT
  local name=$1 sock=$2 port=$3
  spawn "proxy-$name" "$LOGS/proxy-$name.log" \
    node "$PROXY_JS" --docker-sock "$sock" --listen "127.0.0.1:$port" --pidfile "$RUN/proxy-$name.pid"
  await_answer "proxy-$name" 100 20 "BuildKit proxy ($name) did not answer on 127.0.0.1:$port" proxy_answers "$port"
}

# ---------------------------------------------------------------- env
# Healthy = every recorded daemon alive and answering (and engine 1 is EXPECTED-HOST, if given).
stack_healthy() { # [EXPECTED-HOST]
  local expected=${1:-}
  [[ -f $ENV_FILE && -f $JSON_FILE ]] || return 1
  local n
  for n in "${DAEMONS[@]}"; do
    [[ -f $RUN/$n.proc ]] || continue
    recorded_pid "$n" >/dev/null || return 1
  done
  (
    set +u
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    [[ -z $expected || $DOCKER_HOST == "$expected" ]] || exit 1
    engine_answers "$DOCKER_HOST" || exit 1
    registry_answers "${TESTBED_REGISTRY#localhost:}" || exit 1
    proxy_answers "${TESTBED_BUILDKIT_ADDR##*:}" || exit 1
    if [[ -n $TESTBED_CLASSIC_DOCKER_HOST ]]; then
      engine_answers "$TESTBED_CLASSIC_DOCKER_HOST" || exit 1
    fi
    if [[ -n $TESTBED_NODE2_DOCKER_HOST ]]; then
      engine_answers "$TESTBED_NODE2_DOCKER_HOST" || exit 1
      proxy_answers "${TESTBED_NODE2_BUILDKIT_ADDR##*:}" || exit 1
    fi
  )
}

write_env() { # KEY=VALUE... (env var names; the JSON gets the camelCase twins)
  local kv
  {
    echo "# Written by scripts/testbed.sh up --stack $STACK. Source it to use the testbed."
    echo "unset DOCKER_CONTEXT BUILDX_BUILDER DOCKER_TLS_VERIFY DOCKER_CERT_PATH"
    for kv in "$@"; do printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"; done
    # shellcheck disable=SC2016
    echo 'case ":$PATH:" in *":$TESTBED_DOCKER_BIN_DIR:"*) ;; *) export PATH="$TESTBED_DOCKER_BIN_DIR:$PATH" ;; esac'
  } >"$ENV_FILE"
}

write_json() { # key=value... ; keys "pids.X" become numbers under "pids"
  node -e '
    const out = { pids: {} };
    for (const kv of process.argv.slice(1)) {
      const i = kv.indexOf("=");
      const [k, v] = [kv.slice(0, i), kv.slice(i + 1)];
      if (k.startsWith("pids.")) out.pids[k.slice(5)] = v === "" ? null : Number(v);
      else out[k] = v;
    }
    const { pids, ...rest } = out;
    process.stdout.write(JSON.stringify({ ...rest, pids }, null, 2) + "\n");
  ' "$@" >"$JSON_FILE"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  if stack_healthy "${TESTBED_DOCKER_HOST:-unix://$MAIN_SOCK}"; then
    log "$STACK testbed already up"
    # one started before the own-BuildKit image existed gets it now
    grep -q '"buildkitOwnImage"' "$JSON_FILE" || cmd_buildkit_image >/dev/null
    echo "$ENV_FILE"
    return 0
  fi
  local external=${TESTBED_DOCKER_HOST:-} other
  if [[ -z $external ]]; then
    # dockerd attaches to a system containerd instead of starting its own if one is running.
    [[ -S /run/containerd/containerd.sock ]] &&
      die "a system containerd is running (/run/containerd/containerd.sock); set TESTBED_DOCKER_HOST instead"
  elif [[ $external != unix://* ]]; then
    die "TESTBED_DOCKER_HOST must be unix://PATH (the BuildKit proxy dials a unix socket)"
  fi
  [[ $(dpkg --print-architecture) == amd64 ]] || die "the testbed expects an amd64 machine"

  stop_stack # leftovers of an earlier, broken run
  wipe_state
  rm -rf "$LOGS.prev" && { [[ ! -d $LOGS ]] || mv "$LOGS" "$LOGS.prev"; } # keep one earlier run's logs
  mkdir -p "$RUN" "$LOGS" "$SD/ctx"
  trap 'up_failed' EXIT

  # Host side: emulation for arm64, and runc for our engines (not needed, and possibly in
  # conflict with the engine's own packages, when an existing engine is used).
  if [[ -n $external ]]; then
    ensure_host_packages qemu-user-static binfmt-support
  else
    ensure_host_packages "${HOST_PACKAGES[@]}"
  fi

  fetch_debs "$STACK_CACHE" "$STACK" amd64 "${STACK_PACKAGES[@]}"
  fetch_debs "$HOST_CACHE" "$(host_suite)" amd64,arm64 \
    docker-registry:amd64 busybox-static:amd64 busybox-static:arm64
  unpack_debs "$ROOT" "$STACK_CACHE"/*.deb
  unpack_debs "$TOOLS/registry" "$HOST_CACHE"/docker-registry_*_amd64.deb
  unpack_debs "$TOOLS/busybox-amd64" "$HOST_CACHE"/busybox-static_*_amd64.deb
  unpack_debs "$TOOLS/busybox-arm64" "$HOST_CACHE"/busybox-static_*_arm64.deb
  local cosign_bin
  cosign_bin=$(provision_cosign)
  ensure_binfmt
  make_rootfs amd64
  make_rootfs arm64

  local reg_port p1 p2
  read -r reg_port p1 p2 <<<"$(free_ports 3)"

  # Engines, booting in parallel with the registry. Each gets a bridge of its own: with
  # --bridge=none RUN steps fail ("network bridge not found") and dockerd deletes docker0, and
  # separate bridges let both stacks run side by side (no NAT: --iptables=false; nothing here
  # reaches out anyway).
  local main_host=${external:-unix://$MAIN_SOCK} node2_host='' classic_host='' d
  if [[ -z $external ]]; then
    for d in "${SYSTEM_RUN_DIRS[@]}"; do [[ -e $d ]] || touch "$RUN/created-${d//\//_}"; done
    create_bridge "$MAIN_BRIDGE" "$MAIN_SUBNET"
    create_bridge "$NODE2_BRIDGE" "$NODE2_SUBNET"
    create_bridge "$CLASSIC_BRIDGE" "$CLASSIC_SUBNET"
    start_engine main "$MAIN_SOCK" --bridge="$MAIN_BRIDGE"
    start_engine node2 "$NODE2_SOCK" --bridge="$NODE2_BRIDGE"
    start_engine classic "$CLASSIC_SOCK" --bridge="$CLASSIC_BRIDGE"
  fi
  start_registry "$reg_port"
  if [[ -z $external ]]; then
    wait_engine main "$MAIN_SOCK"
    wait_engine node2 "$NODE2_SOCK"
    wait_engine classic "$CLASSIC_SOCK"
    node2_host=unix://$NODE2_SOCK
    classic_host=unix://$CLASSIC_SOCK
  fi

  # The stack's CLI and buildx, private config dir (builders created in tests land here).
  export DOCKER_HOST=$main_host DOCKER_CONFIG=$SD/docker-config PATH=$ROOT/usr/bin:$PATH
  unset DOCKER_CONTEXT BUILDX_BUILDER DOCKER_TLS_VERIFY DOCKER_CERT_PATH
  mkdir -p "$DOCKER_CONFIG/cli-plugins"
  cp "$ROOT/usr/libexec/docker/cli-plugins/docker-buildx" "$DOCKER_CONFIG/cli-plugins/docker-buildx"

  start_proxy main "${main_host#unix://}" "$p1"
  [[ -n $node2_host ]] && start_proxy node2 "$NODE2_SOCK" "$p2"

  # Base images: busybox for amd64 and arm64, pushed, joined into one index.
  local reg=localhost:$reg_port arch
  for arch in amd64 arm64; do
    tar -C "$TOOLS/rootfs-$arch" -c . |
      docker import --platform "linux/$arch" \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/sh"]' - "$reg/base:$arch" >/dev/null ||
      die "docker import of the $arch base image failed"
    docker push -q "$reg/base:$arch" >>"$LOGS/base-images.log" 2>&1 ||
      { tail -n 20 "$LOGS/base-images.log" >&2; die "push of $reg/base:$arch failed"; }
  done
  docker buildx imagetools create -t "$reg/base:multi" "$reg/base:amd64" "$reg/base:arm64" \
    >>"$LOGS/base-images.log" 2>&1 ||
    { tail -n 20 "$LOGS/base-images.log" >&2; die "imagetools create $reg/base:multi failed"; }

  make_buildkit_standin "$reg" "$p1"
  local own_image
  own_image=$(make_buildkit_own "$reg")

  # A RUN on both platforms now catches broken emulation or networking before any test does.
  printf 'FROM %s\nRUN echo hi\n' "$reg/base:multi" |
    docker buildx build --progress=plain --platform linux/amd64,linux/arm64 -f - "$SD/ctx" \
      >"$LOGS/build-check.log" 2>&1 ||
    { tail -n 30 "$LOGS/build-check.log" >&2; die "RUN check build failed (log: $LOGS/build-check.log)"; }

  local buildx_version docker_version
  buildx_version=$(docker buildx version | awk '{print $2}' | sed -E 's/^v//; s/[+~-].*//')
  docker_version=$(docker version --format '{{.Server.Version}}' | sed -E 's/[+~].*//')

  local pid_main='' pid_node2='' ctr_main='' ctr_node2='' pid_proxy2='' pid_classic=''
  if [[ -z $external ]]; then
    pid_main=$(recorded_pid dockerd-main) pid_node2=$(recorded_pid dockerd-node2) pid_classic=$(recorded_pid dockerd-classic)
    ctr_main=$(cat "$SD/main/exec/containerd/containerd.pid" 2>/dev/null || true)
    ctr_node2=$(cat "$SD/node2/exec/containerd/containerd.pid" 2>/dev/null || true)
    pid_proxy2=$(recorded_pid proxy-node2)
  fi
  local node2_addr=''
  [[ -n $node2_host ]] && node2_addr=tcp://127.0.0.1:$p2

  write_env \
    DOCKER_HOST="$main_host" \
    DOCKER_CONFIG="$DOCKER_CONFIG" \
    TESTBED_STACK="$STACK" \
    TESTBED_REGISTRY="$reg" \
    TESTBED_BASE_IMAGE="$reg/base:multi" \
    TESTBED_BUILDX_BIN="$DOCKER_CONFIG/cli-plugins/docker-buildx" \
    TESTBED_DOCKER_BIN_DIR="$ROOT/usr/bin" \
    TESTBED_BUILDKIT_ADDR="tcp://127.0.0.1:$p1" \
    TESTBED_NODE2_DOCKER_HOST="$node2_host" \
    TESTBED_NODE2_BUILDKIT_ADDR="$node2_addr" \
    TESTBED_CLASSIC_DOCKER_HOST="$classic_host" \
    TESTBED_BUILDKIT_IMAGE="$reg/buildkit-standin:latest" \
    TESTBED_BUILDKIT_OWN_IMAGE="$own_image" \
    TESTBED_BUILDX_VERSION="$buildx_version" \
    TESTBED_DOCKER_VERSION="$docker_version" \
    TESTBED_LOGS_DIR="$LOGS" \
    TESTBED_COSIGN_BIN="$cosign_bin"
  write_json \
    dockerHost="$main_host" \
    dockerConfig="$DOCKER_CONFIG" \
    registry="$reg" \
    baseImage="$reg/base:multi" \
    buildxBin="$DOCKER_CONFIG/cli-plugins/docker-buildx" \
    dockerBinDir="$ROOT/usr/bin" \
    buildkitAddr="tcp://127.0.0.1:$p1" \
    node2DockerHost="$node2_host" \
    node2BuildkitAddr="$node2_addr" \
    classicDockerHost="$classic_host" \
    buildkitImage="$reg/buildkit-standin:latest" \
    buildkitOwnImage="$own_image" \
    stack="$STACK" \
    buildxVersion="$buildx_version" \
    dockerVersion="$docker_version" \
    logsDir="$LOGS" \
    cosignBin="$cosign_bin" \
    pids.dockerdMain="$pid_main" \
    pids.containerdMain="$ctr_main" \
    pids.dockerdNode2="$pid_node2" \
    pids.containerdNode2="$ctr_node2" \
    pids.dockerdClassic="$pid_classic" \
    pids.registry="$(recorded_pid registry)" \
    pids.proxyMain="$(recorded_pid proxy-main)" \
    pids.proxyNode2="$pid_proxy2"

  trap - EXIT
  log "$STACK testbed up in ${SECONDS}s: Docker $docker_version, buildx $buildx_version, registry $reg"
  echo "$ENV_FILE"
}

up_failed() {
  local rc=$?
  set +e
  trap - EXIT
  log "up failed; stopping what it started (logs: $LOGS)"
  stop_stack
  exit "$rc"
}

cmd_down() {
  stop_stack
  wipe_state
  log "$STACK testbed down"
}

# The shared tools alone (cosign), for a testbed that is already up: no daemon is touched.
cmd_tools() {
  mkdir -p "$LOGS"
  provision_cosign
}

# The own-BuildKit image alone, for a testbed that is already up (as `up` makes it), recorded
# in env.sh and testbed.json; no daemon is touched.
cmd_buildkit_image() {
  stack_healthy || die "$STACK testbed is not up"
  local image tmp
  export DOCKER_HOST DOCKER_CONFIG PATH
  DOCKER_HOST=$(sed -nE 's/^export DOCKER_HOST=//p' "$ENV_FILE")
  DOCKER_CONFIG=$(sed -nE 's/^export DOCKER_CONFIG=//p' "$ENV_FILE")
  PATH=$ROOT/usr/bin:$PATH
  image=$(make_buildkit_own "$(sed -nE 's/^export TESTBED_REGISTRY=//p' "$ENV_FILE")")
  # Replaced by a rename, so a test reading them never sees half a file.
  tmp=$(mktemp "$SD/.env.XXXXXX")
  { grep -v '^export TESTBED_BUILDKIT_OWN_IMAGE=' "$ENV_FILE"; printf 'export TESTBED_BUILDKIT_OWN_IMAGE=%q\n' "$image"; } >"$tmp"
  mv "$tmp" "$ENV_FILE"
  tmp=$(mktemp "$SD/.json.XXXXXX")
  node -e '
    const fs = require("fs");
    const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const { pids, ...rest } = j;
    fs.writeFileSync(process.argv[2], JSON.stringify({ ...rest, buildkitOwnImage: process.argv[3], pids }, null, 2) + "\n");
  ' "$JSON_FILE" "$tmp" "$image"
  mv "$tmp" "$JSON_FILE"
  log "$image pushed in ${SECONDS}s"
  echo "$image"
}

cmd_env() {
  stack_healthy || { log "$STACK testbed is not up"; return 1; }
  echo "$ENV_FILE"
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || usage
  shift
  local stack=${TESTBED_STACK:-sid}
  while (($#)); do
    case $1 in
      --stack) [[ $# -ge 2 ]] || usage; stack=$2; shift 2 ;;
      --stack=*) stack=${1#--stack=}; shift ;;
      -h | --help) usage ;;
      *) usage ;;
    esac
  done
  set_stack "$stack"
  [[ $cmd == up || $cmd == down || $cmd == env || $cmd == tools || $cmd == buildkit-image ]] || usage
  [[ $(id -u) == 0 ]] || die "must run as root (dockerd, mounts, apt-get)"
  # Unix socket paths are limited to 107 bytes; containerd's deepest one is this long.
  ((${#SD} + 46 <= 107)) || die "TESTBED_DIR path too long for unix sockets: $SD"
  mkdir -p "$TESTBED_DIR"
  exec 9>"$TESTBED_DIR/.lock"
  flock 9 # one testbed command at a time
  "cmd_${cmd//-/_}"
}

main "$@"
