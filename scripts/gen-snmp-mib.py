#!/usr/bin/env python3
"""gen-snmp-mib.py MIB_H -- write src/print/snmp_mib.rs.

The SNMP printer's object names (printed for OIDs without -n) come from
tcpdump 4.99's compiled-in MIB, `mib.h` (made by its `makemib` from RFC
1156-era MIBs; BSD licence): a tree of named sub-identifiers. Get the
source with `apt-get source tcpdump` (deb-src enabled) and run:
    scripts/gen-snmp-mib.py tcpdump-4.99.3/mib.h
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = open(sys.argv[1]).read()
objs = re.findall(
    r'_(\w+)_obj = \{\s*"([^"]*)",\s*(\d+),\s*\d+,\s*(NULL|&_\w+_obj),\s*(NULL|&_\w+_obj)\s*\}', src)
index = {name: i for i, (name, _, _, _, _) in enumerate(objs)}
root = re.search(r'\*mibroot = &_(\w+)_obj;', src).group(1)


def ref(r):
    return "NONE" if r == "NULL" else str(index[r[2:-4]])


out = [
    "//! tcpdump 4.99's compiled-in MIB (`mib.h`, made by its `makemib`; BSD",
    "//! licence): the names an OID's sub-identifiers print as without `-n`.",
    "//! Generated from tcpdump's source by `scripts/gen-snmp-mib.py`; data only.",
    "",
    "/// One node: its name, its sub-identifier under its parent, its first",
    "/// child and its next sibling (indices into [`OBJS`], [`NONE`] for none).",
    "pub(super) struct Obj {",
    "    pub(super) desc: &'static str,",
    "    pub(super) oid: u8,",
    "    pub(super) child: u16,",
    "    pub(super) next: u16,",
    "}",
    "",
    "pub(super) const NONE: u16 = u16::MAX;",
    "",
]
for name in (root, "mib", "enterprises", "experimental", "snmpModules"):
    label = "ROOT" if name == root else name.upper()
    out.append(f"/// `{'mibroot' if name == root else '_' + name + '_obj'}`.")
    out.append(f"pub(super) const {label}: u16 = {index[name]};")
out.append("")
out.append("/// Every node, children before their parents (as `mib.h` lists them).")
out.append("#[rustfmt::skip]  // one node a line, as generated")
out.append("pub(super) const OBJS: &[Obj] = &[")
for name, desc, oid, child, nxt in objs:
    out.append(f'    Obj {{ desc: "{desc}", oid: {oid}, child: {ref(child)}, next: {ref(nxt)} }},')
out.append("];")
with open(os.path.join(ROOT, "src/print/snmp_mib.rs"), "w") as f:
    f.write("\n".join(out) + "\n")
