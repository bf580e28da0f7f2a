#!/usr/bin/env bash
# Kith network lab: hosts in network namespaces joined by bridges, real processes inside them.
#
# Every name a run creates starts with a per-run prefix (LAB_PREFIX), and the run's state lives in
# LAB_DIR, so `destroy` always finds everything. No interface of the host's own namespace is ever
# created, changed or used: veth pairs are created directly inside the lab's namespaces.
#
# Layout:
#   bridge B  -> namespace PREFIX-b-B holding the bridge device "br0" (multicast snooping off,
#                IPv6 off in that namespace so the bridge itself sends nothing).
#   host H    -> namespace PREFIX-h-H; on bridge B it has the interface "e-B" (IPv4 address,
#                IPv6 link-local without duplicate-address detection); the bridge side is "p-H".
#
# Usage: lab.sh COMMAND [ARGS...]        (run `lab.sh help` for the list)
# Environment:
#   LAB_PREFIX  per-run prefix, [a-z][a-z0-9]{0,15}; default "k$PPID" (the calling shell's pid)
#   LAB_DIR     state directory; default "${TMPDIR:-/tmp}/kith-lab-$LAB_PREFIX"
#   LAB_PYTHON  python3 used by `ping` (when iputils ping is missing) and the probes
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"

readonly LAB_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly BRIDGE_DEVICE="br0"
readonly WAIT_SECONDS=10

die() {
    echo "lab.sh: $*" >&2
    exit 1
}

usage() {
    cat <<'EOF'
usage: lab.sh COMMAND [ARGS...]

Topology
  create-bridge NAME
  create-host NAME [BRIDGE] [--ipv4 10.A.B.C/NN | --no-ipv4] [--ipv6 fdXX::Y/64] [--ipv6-only]
        --no-ipv4    no IPv4 address on this host's first link (later links still get one)
        --ipv6-only  no IPv4 address on any link, and nftables drops all IPv4 in and out
        without --ipv4 a link gets 10.77.<bridge number>.<slot>/24 automatically
  connect HOST BRIDGE [--ipv4 CIDR | --no-ipv4] [--ipv6 CIDR]
  link-down HOST BRIDGE [--host-side]   switch port off (host sees no carrier);
                                        --host-side sets the host's own interface down instead
  link-up HOST BRIDGE [--host-side]
  loss HOST PERCENT [--all | --multicast] [--bridge BRIDGE]
        drops PERCENT % of received packets (nftables, input hook; default: UDP multicast only);
        PERCENT 0 removes the rule
Processes
  exec HOST CMD [ARGS...]               runs CMD inside HOST (replaces this script: same pid)
  spawn HOST [--stdout FILE] [--stderr FILE] -- CMD [ARGS...]
                                        starts CMD in the background, prints its pid
  ping HOST ADDRESS [--timeout SECONDS] one ICMP echo (iputils ping, else python3);
                                        a link-local ADDRESS needs %IFACE
Queries
  netns HOST | netns --bridge BRIDGE    namespace name
  ifname BRIDGE                         the interface name a host has on BRIDGE
  addr HOST BRIDGE [-4 | -6]            IPv4 address (no length) or IPv6 link-local
  list                                  topology and addresses
  env                                   prints export lines for LAB_PREFIX and LAB_DIR
Cleanup
  destroy                               kills every process in the lab's namespaces, deletes them
                                        and LAB_DIR; idempotent
  sweep                                 destroys leftover labs named kPID... whose PID is dead
EOF
}

# ---------------------------------------------------------------------------------------------
# Names and state

LAB_PREFIX="${LAB_PREFIX:-k$PPID}"
[[ "$LAB_PREFIX" =~ ^[a-z][a-z0-9]{0,15}$ ]] || die "bad LAB_PREFIX '$LAB_PREFIX' (want [a-z][a-z0-9]{0,15})"
LAB_DIR="${LAB_DIR:-${TMPDIR:-/tmp}/kith-lab-$LAB_PREFIX}"
readonly LAB_PREFIX LAB_DIR

host_ns() { echo "$LAB_PREFIX-h-$1"; }
bridge_ns() { echo "$LAB_PREFIX-b-$1"; }
host_ifname() { echo "e-$1"; }    # the host's interface on bridge $1
port_ifname() { echo "p-$1"; }    # the bridge's port for host $1

check_name() {
    [[ "$2" =~ ^[a-z][a-z0-9]{0,11}$ ]] || die "bad $1 name '$2' (want [a-z][a-z0-9]{0,11})"
}

ns_exists() { [[ -e "/run/netns/$1" ]]; }

require_bridge() {
    check_name bridge "$1"
    [[ -f "$LAB_DIR/bridges/$1" ]] && ns_exists "$(bridge_ns "$1")" || die "no bridge '$1' in lab $LAB_PREFIX"
}

require_host() {
    check_name host "$1"
    [[ -d "$LAB_DIR/hosts/$1" ]] && ns_exists "$(host_ns "$1")" || die "no host '$1' in lab $LAB_PREFIX"
}

require_link() {
    require_host "$1"
    require_bridge "$2"
    [[ -f "$LAB_DIR/hosts/$1/links/$2" ]] || die "host '$1' is not on bridge '$2'"
}

# Serialises commands that change the lab. The lock descriptor is never inherited by `exec`.
take_lock() {
    mkdir -p "$LAB_DIR"
    exec 9>"$LAB_DIR/.lock"
    flock 9
}

# Writes a sysctl of a lab namespace (the /proc/sys/net view follows the caller's namespace).
ns_sysctl() {
    ip netns exec "$1" sh -c 'printf "%s\n" "$2" > "/proc/sys/$1"' sysctl "$2" "$3"
}

ipv4_valid() {
    local cidr="$1"
    [[ "$cidr" =~ ^10\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})/([0-9]{1,2})$ ]] || return 1
    local b="${BASH_REMATCH[1]}" c="${BASH_REMATCH[2]}" d="${BASH_REMATCH[3]}" len="${BASH_REMATCH[4]}"
    ((b <= 255 && c <= 255 && d >= 1 && d <= 254 && len >= 8 && len <= 30))
}

ipv6_valid() {
    [[ "$1" =~ ^[fF][dD][0-9a-fA-F]{2}:[0-9a-fA-F:]*/[0-9]{1,3}$ ]]
}

# ---------------------------------------------------------------------------------------------
# Topology

cmd_create_bridge() {
    (($# == 1)) || die "usage: create-bridge NAME"
    local name="$1" ns
    check_name bridge "$name"
    ns="$(bridge_ns "$name")"
    take_lock
    mkdir -p "$LAB_DIR/bridges" "$LAB_DIR/hosts"
    [[ -f "$LAB_DIR/bridges/$name" ]] && die "bridge '$name' exists"
    ns_exists "$ns" && die "namespace $ns exists already (stale lab? run destroy)"
    local number
    number=$(($(cat "$LAB_DIR/next-bridge" 2>/dev/null || echo 1)))
    ((number <= 254)) || die "too many bridges"
    echo $((number + 1)) >"$LAB_DIR/next-bridge"
    printf 'number=%s\nnext-slot=1\n' "$number" >"$LAB_DIR/bridges/$name"
    ip netns add "$ns"
    ns_sysctl "$ns" net/ipv6/conf/all/disable_ipv6 1
    ns_sysctl "$ns" net/ipv6/conf/default/disable_ipv6 1
    ip -n "$ns" link set lo up
    ip -n "$ns" link add "$BRIDGE_DEVICE" type bridge stp_state 0 mcast_snooping 0
    ip -n "$ns" link set "$BRIDGE_DEVICE" up
}

bridge_field() {
    sed -n "s/^$2=//p" "$LAB_DIR/bridges/$1"
}

# Next automatic IPv4 address on a bridge: 10.77.<bridge number>.<slot>/24.
next_auto_ipv4() {
    local bridge="$1" number slot
    number="$(bridge_field "$bridge" number)"
    slot="$(bridge_field "$bridge" next-slot)"
    ((slot <= 254)) || die "bridge '$bridge' has no free address"
    printf 'number=%s\nnext-slot=%s\n' "$number" $((slot + 1)) >"$LAB_DIR/bridges/$bridge"
    echo "10.77.$number.$slot/24"
}

# Waits until every IPv6 address of a device has left the tentative state.
wait_ipv6_ready() {
    local ns="$1" dev="$2" deadline=$((SECONDS + WAIT_SECONDS)) out
    while true; do
        out="$(ip -n "$ns" -6 addr show dev "$dev" 2>/dev/null || true)"
        if [[ "$out" == *"inet6 fe80::"* && "$out" != *tentative* ]]; then return 0; fi
        ((SECONDS < deadline)) || die "IPv6 link-local on $dev in $ns not ready after ${WAIT_SECONDS}s"
        sleep 0.05
    done
}

# Joins an existing host to a bridge. Caller holds the lock.
attach() {
    local host="$1" bridge="$2" ipv4="$3" ipv6="$4"
    local hns bns dev port
    hns="$(host_ns "$host")"
    bns="$(bridge_ns "$bridge")"
    dev="$(host_ifname "$bridge")"
    port="$(port_ifname "$host")"
    [[ -f "$LAB_DIR/hosts/$host/links/$bridge" ]] && die "host '$host' is already on bridge '$bridge'"
    if [[ "$ipv4" == auto ]]; then
        if [[ -f "$LAB_DIR/hosts/$host/ipv6-only" ]]; then ipv4=none; else ipv4="$(next_auto_ipv4 "$bridge")"; fi
    fi
    # Both ends are created inside their namespaces: nothing ever appears in the host's namespace.
    ip link add name "$dev" netns "$hns" type veth peer name "$port" netns "$bns"
    ns_sysctl "$hns" "net/ipv6/conf/$dev/accept_dad" 0
    ip -n "$bns" link set "$port" master "$BRIDGE_DEVICE"
    ip -n "$bns" link set "$port" up
    if [[ "$ipv4" != none ]]; then ip -n "$hns" addr add "$ipv4" brd + dev "$dev"; fi
    if [[ -n "$ipv6" ]]; then ip -n "$hns" -6 addr add "$ipv6" dev "$dev" nodad; fi
    ip -n "$hns" link set "$dev" up
    mkdir -p "$LAB_DIR/hosts/$host/links"
    echo "$ipv4" >"$LAB_DIR/hosts/$host/links/$bridge"
    wait_ipv6_ready "$hns" "$dev"
}

# Parses [--ipv4 CIDR | --no-ipv4] [--ipv6 CIDR] [--ipv6-only]; sets opt_ipv4, opt_ipv6, opt_v6only.
parse_link_options() {
    opt_ipv4=auto opt_ipv6="" opt_v6only=0
    local allow_v6only="$1"
    shift
    while (($# > 0)); do
        case "$1" in
            --ipv4)
                (($# >= 2)) || die "--ipv4 needs an address"
                ipv4_valid "$2" || die "bad --ipv4 '$2' (want 10.A.B.C/NN, the lab uses 10.0.0.0/8)"
                opt_ipv4="$2"
                shift 2
                ;;
            --no-ipv4) opt_ipv4=none && shift ;;
            --ipv6)
                (($# >= 2)) || die "--ipv6 needs an address"
                ipv6_valid "$2" || die "bad --ipv6 '$2' (want a unique-local fdXX::/NN address)"
                opt_ipv6="$2"
                shift 2
                ;;
            --ipv6-only)
                [[ "$allow_v6only" == 1 ]] || die "--ipv6-only belongs to create-host"
                opt_v6only=1
                shift
                ;;
            *) die "unknown option '$1'" ;;
        esac
    done
    if [[ "$opt_v6only" == 1 && "$opt_ipv4" != auto && "$opt_ipv4" != none ]]; then
        die "--ipv6-only and --ipv4 exclude each other"
    fi
}

cmd_create_host() {
    (($# >= 1)) || die "usage: create-host NAME [BRIDGE] [options]"
    local name="$1" bridge="" ns
    shift
    if (($# > 0)) && [[ "$1" != --* ]]; then
        bridge="$1"
        shift
    fi
    check_name host "$name"
    parse_link_options 1 "$@"
    if [[ -z "$bridge" && ("$opt_ipv4" != auto || -n "$opt_ipv6") ]]; then
        die "address options need a BRIDGE"
    fi
    ns="$(host_ns "$name")"
    take_lock
    mkdir -p "$LAB_DIR/bridges" "$LAB_DIR/hosts"
    [[ -d "$LAB_DIR/hosts/$name" ]] && die "host '$name' exists"
    [[ -z "$bridge" ]] || require_bridge "$bridge"
    ns_exists "$ns" && die "namespace $ns exists already (stale lab? run destroy)"
    mkdir -p "$LAB_DIR/hosts/$name/links"
    ip netns add "$ns"
    ns_sysctl "$ns" net/ipv6/conf/all/accept_dad 0
    ns_sysctl "$ns" net/ipv6/conf/default/accept_dad 0
    ip -n "$ns" link set lo up
    if [[ "$opt_v6only" == 1 ]]; then
        touch "$LAB_DIR/hosts/$name/ipv6-only"
        ip netns exec "$ns" nft -f - <<'EOF'
table inet kith_lab_ipv6_only {
    chain input { type filter hook input priority -20; policy accept; iifname != "lo" meta nfproto ipv4 drop; }
    chain output { type filter hook output priority -20; policy accept; oifname != "lo" meta nfproto ipv4 drop; }
}
EOF
        opt_ipv4=none
    fi
    [[ -z "$bridge" ]] || attach "$name" "$bridge" "$opt_ipv4" "$opt_ipv6"
}

cmd_connect() {
    (($# >= 2)) || die "usage: connect HOST BRIDGE [--ipv4 CIDR | --no-ipv4] [--ipv6 CIDR]"
    local host="$1" bridge="$2"
    shift 2
    parse_link_options 0 "$@"
    take_lock
    require_host "$host"
    require_bridge "$bridge"
    if [[ -f "$LAB_DIR/hosts/$host/ipv6-only" && "$opt_ipv4" != auto && "$opt_ipv4" != none ]]; then
        die "host '$host' is IPv6-only"
    fi
    attach "$host" "$bridge" "$opt_ipv4" "$opt_ipv6"
}

cmd_link() {
    local state="$1"
    shift
    (($# >= 2)) || die "usage: link-$state HOST BRIDGE [--host-side]"
    local host="$1" bridge="$2" side=bridge
    if (($# == 3)) && [[ "$3" == --host-side ]]; then side=host; elif (($# != 2)); then die "unknown option '$3'"; fi
    require_link "$host" "$bridge"
    if [[ "$side" == host ]]; then
        ip -n "$(host_ns "$host")" link set "$(host_ifname "$bridge")" "$state"
        if [[ "$state" == up ]]; then wait_ipv6_ready "$(host_ns "$host")" "$(host_ifname "$bridge")"; fi
    else
        ip -n "$(bridge_ns "$bridge")" link set "$(port_ifname "$host")" "$state"
    fi
}

cmd_loss() {
    (($# >= 2)) || die "usage: loss HOST PERCENT [--all | --multicast] [--bridge BRIDGE]"
    local host="$1" percent="$2" scope=multicast bridge="" match
    shift 2
    while (($# > 0)); do
        case "$1" in
            --all) scope=all && shift ;;
            --multicast) scope=multicast && shift ;;
            --bridge)
                (($# >= 2)) || die "--bridge needs a name"
                bridge="$2"
                shift 2
                ;;
            *) die "unknown option '$1'" ;;
        esac
    done
    [[ "$percent" =~ ^[0-9]{1,3}$ ]] && ((percent <= 100)) || die "bad PERCENT '$percent' (0...100)"
    require_host "$host"
    local ns
    ns="$(host_ns "$host")"
    if [[ -n "$bridge" ]]; then
        require_link "$host" "$bridge"
        match="iifname \"$(host_ifname "$bridge")\""
    else
        match='iifname != "lo"'
    fi
    [[ "$scope" == multicast ]] && match="$match meta l4proto udp meta pkttype multicast"
    ip netns exec "$ns" nft delete table inet kith_lab_loss 2>/dev/null || true
    ((percent > 0)) || return 0
    # numgen yields 0...99: it drops when the number is below PERCENT (100 % needs no numgen).
    local chance=""
    ((percent == 100)) || chance="numgen random mod 100 < $percent"
    ip netns exec "$ns" nft -f - <<EOF
table inet kith_lab_loss {
    chain input {
        type filter hook input priority -10; policy accept;
        $match $chance counter drop
    }
}
EOF
}

# ---------------------------------------------------------------------------------------------
# Processes

cmd_exec() {
    (($# >= 2)) || die "usage: exec HOST CMD [ARGS...]"
    local host="$1"
    shift
    require_host "$host"
    close_inherited_descriptors
    exec ip netns exec "$(host_ns "$host")" "$@"
}

# Closes every descriptor above 2 that the caller let this script inherit, so a long-running lab
# process holds no pipe of the test runner open (bash marks its own 255 close-on-exec).
close_inherited_descriptors() {
    local path fd
    for path in /proc/$$/fd/*; do
        fd="${path##*/}"
        if [[ "$fd" =~ ^[0-9]+$ ]] && ((fd > 2 && fd != 255)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

# Start time of a process in clock ticks (field 22 of /proc/PID/stat), to tell a reused pid apart.
process_start_time() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    awk '{print $20}' <<<"$stat"
}

cmd_spawn() {
    (($# >= 1)) || die "usage: spawn HOST [--stdout FILE] [--stderr FILE] -- CMD [ARGS...]"
    local host="$1" out=/dev/null err=/dev/null
    shift
    while (($# > 0)); do
        case "$1" in
            --stdout) out="$2" && shift 2 ;;
            --stderr) err="$2" && shift 2 ;;
            --) shift && break ;;
            *) die "unknown option '$1' (put -- before the command)" ;;
        esac
    done
    (($# >= 1)) || die "spawn needs a command after --"
    require_host "$host"
    local pid start
    local ns
    ns="$(host_ns "$host")"
    (
        close_inherited_descriptors
        exec setsid ip netns exec "$ns" "$@" >"$out" 2>"$err" </dev/null
    ) &
    pid=$!
    start="$(process_start_time "$pid" || echo 0)"
    echo "$pid $start" >>"$LAB_DIR/spawned"
    echo "$pid"
}

cmd_ping() {
    (($# >= 2)) || die "usage: ping HOST ADDRESS [--timeout SECONDS]"
    local host="$1" address="$2" timeout=2
    if (($# == 4)) && [[ "$3" == --timeout ]]; then timeout="$4"; elif (($# != 2)); then die "unknown option '$3'"; fi
    [[ "$timeout" =~ ^[0-9]+$ ]] || die "bad timeout '$timeout'"
    require_host "$host"
    local ns
    ns="$(host_ns "$host")"
    if command -v ping >/dev/null 2>&1; then
        ip netns exec "$ns" ping -n -q -c 1 -W "$timeout" "$address" >/dev/null
    else
        ip netns exec "$ns" "$(python)" "$LAB_SCRIPT_DIR/labnet.py" ping "$address" --timeout "$timeout"
    fi
}

python() {
    if [[ -n "${LAB_PYTHON:-}" ]]; then
        echo "$LAB_PYTHON"
    elif [[ -x /usr/bin/python3 ]]; then
        echo /usr/bin/python3
    else
        command -v python3 || die "python3 is needed (apt-get install python3)"
    fi
}

# ---------------------------------------------------------------------------------------------
# Queries

cmd_netns() {
    if (($# == 2)) && [[ "$1" == --bridge ]]; then
        require_bridge "$2"
        bridge_ns "$2"
    elif (($# == 1)); then
        require_host "$1"
        host_ns "$1"
    else
        die "usage: netns HOST | netns --bridge BRIDGE"
    fi
}

cmd_ifname() {
    (($# == 1)) || die "usage: ifname BRIDGE"
    check_name bridge "$1"
    host_ifname "$1"
}

cmd_addr() {
    (($# >= 2)) || die "usage: addr HOST BRIDGE [-4 | -6]"
    local host="$1" bridge="$2" family="${3:--4}" ns dev
    require_link "$host" "$bridge"
    ns="$(host_ns "$host")"
    dev="$(host_ifname "$bridge")"
    case "$family" in
        -4) ip -n "$ns" -4 -o addr show dev "$dev" | awk '{split($4, a, "/"); print a[1]; exit}' ;;
        -6) ip -n "$ns" -6 -o addr show dev "$dev" scope link | awk '{split($4, a, "/"); print a[1]; exit}' ;;
        *) die "unknown family '$family' (-4 or -6)" ;;
    esac
}

cmd_list() {
    echo "lab $LAB_PREFIX (state in $LAB_DIR)"
    local path name
    for path in "$LAB_DIR"/bridges/*; do
        [[ -f "$path" ]] || continue
        name="$(basename "$path")"
        echo "bridge $name netns $(bridge_ns "$name")"
    done
    for path in "$LAB_DIR"/hosts/*; do
        [[ -d "$path" ]] || continue
        name="$(basename "$path")"
        local flags=""
        [[ -f "$path/ipv6-only" ]] && flags=" ipv6-only"
        echo "host $name netns $(host_ns "$name")$flags"
        ip -n "$(host_ns "$name")" -br addr show 2>/dev/null | grep -v '^lo ' | sed 's/^/  /' || true
    done
    echo "namespaces:"
    namespaces | sed 's/^/  /'
}

# Every namespace of this lab, from the kernel's list (not only the state directory).
namespaces() {
    ip netns list | awk '{print $1}' | grep -E "^$LAB_PREFIX-[hb]-" || true
}

# ---------------------------------------------------------------------------------------------
# Cleanup

kill_recorded() {
    [[ -f "$LAB_DIR/spawned" ]] || return 0
    local pid start
    while read -r pid start; do
        [[ -n "$pid" ]] || continue
        if [[ "$(process_start_time "$pid" || echo gone)" == "$start" ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
    done <"$LAB_DIR/spawned"
}

destroy_lab() {
    local ns pids deadline=$((SECONDS + WAIT_SECONDS)) all
    kill_recorded
    all="$(namespaces)"
    while true; do
        pids=""
        for ns in $all; do pids+=" $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"; done
        [[ -n "${pids// /}" ]] || break
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        ((SECONDS < deadline)) || die "processes still alive in lab namespaces:$pids"
        sleep 0.05
    done
    for ns in $all; do ip netns del "$ns" 2>/dev/null || ! ns_exists "$ns" || die "cannot delete $ns"; done
    rm -rf "$LAB_DIR"
}

cmd_destroy() {
    (($# == 0)) || die "usage: destroy"
    if [[ -d "$LAB_DIR" ]]; then take_lock; fi
    destroy_lab
}

cmd_sweep() {
    local owner prefix path tmp="${TMPDIR:-/tmp}"
    for prefix in $(ip netns list | awk '{print $1}' | sed -nE 's/^(k[0-9]+(x[0-9]+)?)-[hb]-.*/\1/p' | sort -u); do
        owner="${prefix#k}"
        owner="${owner%%x*}"
        if ! kill -0 "$owner" 2>/dev/null; then
            echo "sweeping lab $prefix (owner $owner is gone)" >&2
            env LAB_PREFIX="$prefix" LAB_DIR="$tmp/kith-lab-$prefix" bash "$LAB_SCRIPT_DIR/lab.sh" destroy
        fi
    done
    # State and output directories of dead owners: kith-lab-k<pid>[x<n>][-runs]. Logs kept on
    # purpose (KITH_LAB_KEEP_LOGS, "-logs") stay.
    for path in "$tmp"/kith-lab-k[0-9]*; do
        [[ -d "$path" && "$path" != *-logs ]] || continue
        owner="$(sed -nE 's/^kith-lab-k([0-9]+).*/\1/p' <<<"${path##*/}")"
        [[ -n "$owner" ]] && ! kill -0 "$owner" 2>/dev/null && rm -rf "$path"
    done
    return 0
}

# ---------------------------------------------------------------------------------------------

main() {
    (($# >= 1)) || {
        usage >&2
        exit 2
    }
    [[ "$1" == help || "$1" == --help || "$1" == -h ]] && usage && exit 0
    [[ "$(id -u)" == 0 ]] || die "the lab needs root (network namespaces)"
    command -v ip >/dev/null 2>&1 || die "the lab needs iproute2 (ip)"
    local command="$1"
    shift
    case "$command" in
        create-bridge) cmd_create_bridge "$@" ;;
        create-host) cmd_create_host "$@" ;;
        connect) cmd_connect "$@" ;;
        link-down) cmd_link down "$@" ;;
        link-up) cmd_link up "$@" ;;
        loss) cmd_loss "$@" ;;
        exec) cmd_exec "$@" ;;
        spawn) cmd_spawn "$@" ;;
        ping) cmd_ping "$@" ;;
        netns) cmd_netns "$@" ;;
        ifname) cmd_ifname "$@" ;;
        addr) cmd_addr "$@" ;;
        list) cmd_list "$@" ;;
        env) printf 'export LAB_PREFIX=%q LAB_DIR=%q\n' "$LAB_PREFIX" "$LAB_DIR" ;;
        destroy) cmd_destroy "$@" ;;
        sweep) cmd_sweep "$@" ;;
        *) die "unknown command '$command' (lab.sh help)" ;;
    esac
}

main "$@"
