#!/usr/bin/env python3
"""gen-link-descriptions.py -- write src/filter/parser/link_desc.rs.

The filter's errors name the link type as libpcap's
`pcap_datalink_val_to_description_or_dlt` does (`no VLAN support for BSD
ARCNET`). The filter compiler does not link libpcap, so the descriptions are
a table read from the installed libpcap (Debian's libpcap0.8, 1.10.3) by
calling `pcap_datalink_val_to_description` for every DLT value:
    scripts/gen-link-descriptions.py
Needs libpcap (the shared library); no root needed.
"""
import ctypes
import json
import ctypes.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = ctypes.util.find_library("pcap")
if not path:
    raise SystemExit("gen-link-descriptions.py: libpcap not found (apt-get install libpcap0.8)")
lib = ctypes.CDLL(path)
lib.pcap_datalink_val_to_description.restype = ctypes.c_char_p
lib.pcap_lib_version.restype = ctypes.c_char_p
rows = []
for dlt in range(0, 4096):
    d = lib.pcap_datalink_val_to_description(dlt)
    if d:
        rows.append((dlt, d.decode()))
out = [
    "//! libpcap's descriptions of the link types (`pcap_datalink_val_to_description`),",
    "//! by DLT value, for the filter's errors. Written by",
    "//! scripts/gen-link-descriptions.py from " + lib.pcap_lib_version().decode() + "; do not edit.",
    "",
    "/// (DLT, description), sorted by DLT.",
    "pub(super) const LINK_DESCRIPTIONS: &[(u32, &str)] = &[",
]
for dlt, d in rows:
    # JSON's escapes of an ASCII text are Rust's.
    out.append(f"    ({dlt}, {json.dumps(d)}),")
out.append("];")
with open(os.path.join(ROOT, "src", "filter", "parser", "link_desc.rs"), "w") as f:
    f.write("\n".join(out) + "\n")
print(f"gen-link-descriptions.py: {len(rows)} link types")
