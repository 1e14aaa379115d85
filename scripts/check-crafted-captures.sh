#!/usr/bin/env bash
# check-crafted-captures.sh -- the crafted captures in the repository are
# exactly what their scripts write: runs every capture-crafting script
# (scripts/craft-*.py incl. craft-flag-captures.py, craft-bgp.py, craft-ipsec.py, craft-ospf.py, craft-hsrp.py, craft-l2tp.py, craft-sflow.py, craft-ipx.py, craft-radius.py, craft-snmp.py, craft-bfd.py, craft-ldp.py, craft-overlays.py, craft-pim.py, craft-ptp.py, craft-isakmp.py, craft-ipproto.py, craft-icmp-cut.py, craft-atalk.py, craft-arcnet.py, craft-rsvp.py, craft-cisco-snap.py, craft-udp-misc.py, craft-udp-misc2.py and craft-udp-misc3.py, scripts/dhcp-crafted.py, scripts/dhcp6-crafted.py, scripts/encap-captures/craft.py
# from the recorded plain-*.pcap; all on scripts/craftlib.py) into a temporary
# copy of the tree, from another working directory, and compares each file it
# writes byte for byte (cmp) with the committed one.
# The scripts read no clock, so any difference is a change in what they
# craft: re-run the script into captures/ and the goldens
# (scripts/gen-goldens.sh) on purpose, or undo the change. Needs python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T=$(mktemp -d /tmp/check-crafted.XXXXXX)
trap 'rm -rf "$T"' EXIT
# the scripts find their outputs and recorded inputs beside themselves
cp -r "$ROOT/scripts" "$T/scripts"
mkdir -p "$T/captures/analyze" "$T/captures/bad"
cp "$ROOT/captures/http-ipv4.pcap" "$ROOT/captures/http-ipv6.pcap" "$T/captures/"
cp "$ROOT/captures/analyze/loss-reorder.pcap" "$ROOT/captures/analyze/reset-mid-upload.pcap" "$T/captures/analyze/"
cd /
S=$T/scripts
python3 "$S/craft-follow-captures.py"
python3 "$S/craft-flag-captures.py"
python3 "$S/craft-timestamps.py"
python3 "$S/craft-nfs.py"
python3 "$S/craft-transport.py" >/dev/null
python3 "$S/craft-tunnels.py"
python3 "$S/craft-wifi.py"
python3 "$S/craft-ethertypes.py" "$T/captures"
python3 "$S/craft-pptp.py" "$T/captures"
python3 "$S/craft-rip.py" "$T/captures"
python3 "$S/craft-ospf.py" "$T/captures"
python3 "$S/craft-hsrp.py" "$T/captures"
python3 "$S/craft-l2tp.py" "$T/captures"
python3 "$S/craft-sflow.py" "$T/captures"
python3 "$S/craft-ipx.py" "$T/captures"
python3 "$S/craft-atalk.py" "$T/captures"
python3 "$S/craft-arcnet.py" "$T/captures"
python3 "$S/craft-cisco-snap.py" "$T/captures"
python3 "$S/craft-radius.py" "$T/captures"
python3 "$S/craft-snmp.py" "$T/captures"
python3 "$S/craft-bfd.py" "$T/captures"
python3 "$S/craft-ldp.py" "$T/captures"
python3 "$S/craft-overlays.py" "$T/captures"
python3 "$S/craft-pim.py" "$T/captures"
python3 "$S/craft-ptp.py" "$T/captures"
python3 "$S/craft-isakmp.py" "$T/captures"
python3 "$S/craft-ipproto.py" "$T/captures"
python3 "$S/craft-icmp-cut.py" "$T/captures"
python3 "$S/craft-rsvp.py" "$T/captures"
python3 "$S/craft-udp-misc.py" "$T/captures"
python3 "$S/craft-udp-misc2.py" "$T/captures"
python3 "$S/craft-udp-misc3.py" "$T/captures"
python3 "$S/craft-geneve.py"
python3 "$S/craft-ipsec.py"
python3 "$S/craft-bgp.py"
python3 "$S/dhcp-crafted.py" "$T/captures/dhcp-crafted.pcap"
python3 "$S/dhcp6-crafted.py" "$T/captures/dhcp6-crafted.pcap" 2>/dev/null
python3 "$S/craft-bgp-extcomm.py" "$T/captures/bgp-extcomm.pcap" 2>/dev/null
python3 "$S/craft-lldp.py" "$T/captures" >/dev/null
mkdir -p "$T/tests/data/encap"
python3 "$S/encap-captures/craft.py" "$ROOT/tests/data/encap" "$T/tests/data/encap" 2>/dev/null
n=0 bad=0
while IFS= read -r f; do
    rel=${f#"$T"/}
    case $rel in
        captures/http-ipv4.pcap | captures/http-ipv6.pcap | captures/analyze/loss-reorder.pcap | \
            captures/analyze/reset-mid-upload.pcap) continue ;;
    esac
    n=$((n + 1))
    if ! cmp -s "$f" "$ROOT/$rel"; then
        echo "check-crafted-captures: $rel differs from what its script writes now" >&2
        bad=$((bad + 1))
    fi
done < <(find "$T/captures" "$T/tests" -type f | sort)
[[ $n -ge 98 ]] || { echo "check-crafted-captures: only $n files written, expected 98" >&2; exit 1; }
[[ $bad -eq 0 ]] || exit 1
echo "check-crafted-captures: $n crafted captures byte-identical to the committed ones"
