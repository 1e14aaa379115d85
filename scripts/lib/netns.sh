# shellcheck shell=bash
# scripts/lib/netns.sh -- the throw-away network namespaces of the
# scripts/record-*-captures.sh scripts, sourced by each of them (bash):
# making the namespaces afresh, the veth pairs between them, static
# neighbours (no ARP/ND in the captures), quiet IPv6 (no router solicitations
# or DAD), a work directory, and the cleanup trap that on any exit (success,
# failure, Ctrl-C) kills what the script started, deletes its namespaces and
# its work directory. What runs in the namespaces, and the captures, stay in
# each script.
#
#   . "$ROOT/scripts/lib/netns.sh"
#   PIDS=()                        # background processes the script starts
#   netns_own NS1 NS2              # its namespaces; installs the trap
#   netns_workdir WORK /tmp/record-x.XXXXXX
#   netns_fresh NS1 NS2
#   netns_veth NS1 if1 NS2 if2 ["index 7701 address 02:..."] ["..."]
#
# Run as root. Namespace names are the script's own (every record script uses
# names and subnets of its own so that they never collide).

# what netns_cleanup removes: the namespaces and work directories declared
NETNS_OWNED=()
NETNS_WORKDIRS=()
declare -p PIDS >/dev/null 2>&1 || PIDS=()

# netns_own NS...: the namespaces this script owns (deleted, with whatever
# still runs in them, on exit); installs the cleanup trap.
netns_own() {
    NETNS_OWNED+=("$@")
    trap netns_cleanup EXIT
    trap 'exit 130' INT TERM
}

# netns_cleanup: the EXIT trap. Kills and reaps PIDS, then anything left in
# the owned namespaces (all started by this script), deletes them and the
# work directories; the script's exit status is kept.
netns_cleanup() {
    local rc=$? p ns d
    set +e
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
    for ns in "${NETNS_OWNED[@]}"; do netns_del "$ns"; done
    for d in "${NETNS_WORKDIRS[@]}"; do rm -rf "$d"; done
    exit "$rc"
}

# netns_del NS: NS gone, and the processes running in it killed (if it exists).
netns_del() {
    local p
    if ip netns list | grep -qw "$1"; then
        for p in $(ip netns pids "$1" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
        ip netns del "$1" 2>/dev/null || true
    fi
}

# netns_workdir VAR [TEMPLATE]: a new directory (mktemp -d TEMPLATE), mode 755
# so daemons that drop privileges can read it, in VAR; removed on exit.
netns_workdir() {
    local dir
    dir=$(mktemp -d ${2:+"$2"})
    chmod 755 "$dir"
    NETNS_WORKDIRS+=("$dir")
    printf -v "$1" '%s' "$dir"
}

# netns_fresh NS...: each namespace new (a leftover of an earlier run, and
# what runs in it, removed first), its loopback up.
netns_fresh() {
    local ns
    for ns in "$@"; do
        netns_del "$ns"
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
}

# netns_quiet NS [SYSCTL=VALUE...]: no IPv6 router advertisements or
# solicitations and no duplicate address detection in NS (nothing in the
# captures the test did not send, addresses usable at once), plus the
# script's own settings.
netns_quiet() {
    local ns=$1
    shift
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_ra=0 \
        net.ipv6.conf.default.accept_ra=0 \
        net.ipv6.conf.all.router_solicitations=0 \
        net.ipv6.conf.default.router_solicitations=0 \
        net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0 \
        "$@"
}

# netns_veth NS_A IF_A NS_B IF_B [OPTS_A [OPTS_B]]: a veth pair, IF_A in NS_A
# and IF_B in NS_B, each end with its own `ip link` options (e.g. "index 8801
# address 02:88:00:00:00:01"; split into words).
netns_veth() {
    # shellcheck disable=SC2086 # the options are words
    ip link add "$2" ${5:-} netns "$1" type veth peer name "$4" ${6:-} netns "$3"
}

# netns_neighbours NS_A IF_A ADDR_A NS_B IF_B ADDR_B: each end knows the
# other's address at the other's MAC, permanently (no ARP/ND in the captures).
netns_neighbours() {
    local mac_a mac_b
    mac_a=$(ip -n "$1" -br link show "$2" | awk '{print $3}')
    mac_b=$(ip -n "$4" -br link show "$5" | awk '{print $3}')
    ip -n "$1" neigh replace "$6" lladdr "$mac_b" dev "$2" nud permanent
    ip -n "$4" neigh replace "$3" lladdr "$mac_a" dev "$5" nud permanent
}
