#!/usr/bin/env python3
"""gen-80211-tables.py PRINT_802_11_C -- write src/print/link/ieee80211_tables.rs.

The 802.11 printer's text tables come from tcpdump 4.99's own source
(`print-802_11.c`, BSD licence): `status_text`, `reason_text` and
`ieee80211_float_htrates`. Get the source with `apt-get source tcpdump`
(deb-src enabled) and run:
    scripts/gen-80211-tables.py tcpdump-4.99.3/print-802_11.c
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = open(sys.argv[1]).read()


def cstrings(name):
    """The strings of the C array NAME, adjacent literals joined."""
    i = src.index(name)
    body = src[src.index("{", i) + 1:src.index("};", i)]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    parts, cur, ins, esc = [], "", False, False
    for ch in body:
        if ins:
            cur += ch
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                ins = False
        elif ch == '"':
            ins, cur = True, cur + ch
        elif ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        ss = re.findall(r'"((?:[^"\\]|\\.)*)"', p)
        if ss:
            out.append("".join(ss))
    return out


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


status = cstrings("static const char *status_text[]")
reason = cstrings("static const char *reason_text[]")
i = src.index("ieee80211_float_htrates[MAX_MCS_INDEX+1][2][2] = {")
ht = re.findall(r"([0-9]+\.[0-9]+)f", src[i:src.index("};", i)])
assert len(ht) == 77 * 4, len(ht)
out = ["""//! tcpdump 4.99's 802.11 text tables (`print-802_11.c`, BSD licence):
//! status and reason codes, and the HT data rates by MCS index, channel
//! width and guard interval. Generated from tcpdump's source by
//! `scripts/gen-80211-tables.py`; data only.

/// `status_text`, by status code.
pub(super) const STATUS: &[&str] = &["""]
out += ["    " + rs(s) + "," for s in status]
out.append("];\n\n/// `reason_text`, by reason code.\npub(super) const REASON: &[&str] = &[")
out += ["    " + rs(s) + "," for s in reason]
out.append("];\n\n/// `ieee80211_float_htrates`: [MCS 0-76][20, 40 MHz][long, short guard\n"
           "/// interval], in Mb/s.\npub(super) const HT_RATES: [[[f32; 2]; 2]; 77] = [")
for m in range(77):
    v = ht[m * 4:m * 4 + 4]
    out.append(f"    [[{v[0]}, {v[1]}], [{v[2]}, {v[3]}]],")
out.append("];\n")
with open(os.path.join(ROOT, "src/print/link/ieee80211_tables.rs"), "w") as f:
    f.write("\n".join(out))
