//! sFlow (UDP port 6343, sFlow version 5) as tcpdump 4.99's `print-sflow.c`
//! prints it: one line with the agent, its id and the length; from `-v` the
//! datagram's sequence number, uptime and samples, each flow or counter
//! sample with its records (raw packet headers, Ethernet frames, switch
//! data; generic, Ethernet, 100BaseVG, VLAN and processor counters; the
//! others' bytes in hex up to `-v`).
//!
//! tcpdump's quirks are kept because its output is the reference: a
//! sample's printer is handed the rest of the datagram, not the sample's
//! own length; a counter record's enterprise is its format shifted by 20
//! bits (12 for a flow record); the processor counter names its free
//! memory `total_mem` too; the short-header message quotes the IPv4
//! header's size for both versions.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

pub(super) const SFLOW_PORT: u16 = 6343;

/// The datagram's header with an IPv4 agent (`sflow_datagram_t`), and with
/// an IPv6 one.
const HEADER_V4: u32 = 28;
const HEADER_V6: u32 = 40;

/// A sample's or a record's printer found its length past the datagram's
/// end (print-sflow.c's `return 1`, which leads to `invalid:`).
type Bad = Result<bool, Trunc>;

fn format_name(t: u32) -> &'static str {
    match t {
        1 => "flow sample",
        2 => "counter sample",
        3 => "expanded flow sample",
        4 => "expanded counter sample",
        _ => "Unknown",
    }
}

fn flow_type_name(t: u32) -> &'static str {
    match t {
        1 => "Raw packet",
        2 => "Ethernet frame",
        3 => "IPv4 Data",
        4 => "IPv6 Data",
        1001 => "Extended Switch data",
        1002 => "Extended Router data",
        1003 => "Extended Gateway data",
        1004 => "Extended User data",
        1005 => "Extended URL data",
        1006 => "Extended MPLS data",
        1007 => "Extended NAT data",
        1008 => "Extended MPLS tunnel",
        1009 => "Extended MPLS VC",
        1010 => "Extended MPLS FEC",
        1011 => "Extended MPLS LVP FEC",
        1012 => "Extended VLAN Tunnel",
        _ => "Unknown",
    }
}

fn counter_type_name(t: u32) -> &'static str {
    match t {
        1 => "Generic counter",
        2 => "Ethernet counter",
        3 => "Token ring counter",
        4 => "100 BaseVG counter",
        5 => "Vlan counter",
        1001 => "Processor counter",
        _ => "Unknown",
    }
}

fn direction_name(d: u32) -> &'static str {
    match d {
        0 => "unknown",
        1 => "full-duplex",
        2 => "half-duplex",
        3 => "in",
        4 => "out",
        _ => "Unknown",
    }
}

fn raw_protocol_name(p: u32) -> &'static str {
    match p {
        1 => "Ethernet",
        11 => "IPv4",
        12 => "IPv6",
        _ => "Unknown",
    }
}

/// `sflow_print`; `len` is the UDP payload's length.
pub(super) fn sflow_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "sflow";
    // tcpdump's lengths are `u_int`.
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    let ip_version = d.be32(4)?;
    if (len < HEADER_V4 && ip_version == 1) || (len < HEADER_V6 && ip_version == 2) {
        let version = d.be32(0)?;
        out!(p, "sFlowv{version} [length {len} < {HEADER_V4}]");
        p.s(" (invalid)");
        return Ok(());
    }
    d.array::<28>(0)?;
    let version = d.be32(0)?;
    if version != 5 {
        out!(p, "sFlow version {version} packet not supported");
        return Ok(());
    }
    let v4 = ip_version == 1;
    let family = if v4 { "IPv4" } else { "IPv6" };
    if p.opts.verbose < 1 {
        let id = if v4 {
            let agent = *d.array::<4>(8)?;
            let id = d.be32(12)?;
            out!(p, "sFlowv{version}, {family} agent ");
            p.ip4(agent);
            id
        } else {
            let agent = *d.array::<16>(8)?;
            let id = d.be32(24)?;
            out!(p, "sFlowv{version}, {family} agent ");
            p.ip6(&agent);
            id
        };
        out!(p, ", agent-id {id}, length {len}");
        return Ok(());
    }
    let (header, nsamples) = if v4 {
        let nsamples = d.be32(24)?;
        let agent = *d.array::<4>(8)?;
        let (id, seq, uptime) = (d.be32(12)?, d.be32(16)?, d.be32(20)?);
        out!(p, "sFlowv{version}, {family} agent ");
        p.ip4(agent);
        out!(
            p,
            ", agent-id {id}, seqnum {seq}, uptime {uptime}, samples {nsamples}, length {len}"
        );
        (HEADER_V4, nsamples)
    } else {
        let nsamples = d.be32(36)?;
        let agent = *d.array::<16>(8)?;
        let (id, seq, uptime) = (d.be32(24)?, d.be32(28)?, d.be32(32)?);
        out!(p, "sFlowv{version}, {family} agent ");
        p.ip6(&agent);
        out!(
            p,
            ", agent-id {id}, seqnum {seq}, uptime {uptime}, samples {nsamples}, length {len}"
        );
        (HEADER_V6, nsamples)
    };
    let mut nsamples = nsamples;
    if len < header {
        // ND_LCHECK_ZU(tlen, sizeof(...)): only an IP version other than
        // 1 and 2 gets here (read as IPv6).
        out!(p, " [tlen {len} < {header}]");
        return invalid(p, d, 0, len);
    }
    let mut at = header as usize;
    let mut tlen = len - header;
    while nsamples > 0 && tlen > 0 {
        let sample_type = d.be32(at)? & 0x0FFF;
        let sample_len = d.be32(at + 4)?;
        if tlen < 8 {
            return invalid(p, d, at, tlen);
        }
        at += 8;
        tlen -= 8;
        out!(
            p,
            "\n\t{} ({sample_type}), length {sample_len},",
            format_name(sample_type)
        );
        if sample_type == 0 || sample_len == 0 {
            return Ok(());
        }
        if tlen < sample_len {
            return invalid(p, d, at, tlen);
        }
        // Did we capture enough to decode the whole sample?
        if !d.has(at, sample_len as usize) {
            return Err(Trunc);
        }
        let bad = match sample_type {
            1 => flow_sample(p, d, at, tlen)?,
            2 => counter_sample(p, d, at, tlen)?,
            3 => expanded_flow_sample(p, d, at, tlen)?,
            4 => expanded_counter_sample(p, d, at, tlen)?,
            _ => {
                if p.opts.verbose <= 1 {
                    print_unknown_data(p, d.get(at..), "\n\t    ", sample_len as usize);
                }
                false
            }
        };
        if bad {
            return invalid(p, d, at, tlen);
        }
        at += sample_len as usize;
        tlen -= sample_len;
        nsamples -= 1;
    }
    Ok(())
}

/// The `invalid:` label: ` (invalid)`, then the rest must be captured.
fn invalid(p: &mut Printer, d: &[u8], at: usize, tlen: u32) -> P {
    p.s(" (invalid)");
    if d.has(at, tlen as usize) {
        Ok(())
    } else {
        Err(Trunc)
    }
}

fn flow_sample(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 32 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let n = s.be32(28)?;
    let (seq, ty, idx) = (s.be32(0)?, s.u8_at(4)?, s.be24(5)?);
    let (rate, pool, drops) = (s.be32(8)?, s.be32(12)?, s.be32(16)?);
    let (input, output) = (s.be32(20)?, s.be32(24)?);
    out!(
        p,
        " seqnum {seq}, type {ty}, idx {idx}, rate {rate}, pool {pool}, drops {drops}, input {input} output {output} records {n}"
    );
    flow_records(p, d, at + 32, len - 32, n)
}

fn expanded_flow_sample(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 44 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let n = s.be32(40)?;
    let (seq, ty, idx) = (s.be32(0)?, s.be32(4)?, s.be32(8)?);
    let (rate, pool, drops) = (s.be32(12)?, s.be32(16)?, s.be32(20)?);
    out!(
        p,
        " seqnum {seq}, type {ty}, idx {idx}, rate {rate}, pool {pool}, drops {drops}, records {n}"
    );
    flow_records(p, d, at + 44, len - 44, n)
}

fn counter_sample(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 12 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let n = s.be32(8)?;
    let (seq, ty, idx) = (s.be32(0)?, s.u8_at(4)?, s.be24(5)?);
    out!(p, " seqnum {seq}, type {ty}, idx {idx}, records {n}");
    counter_records(p, d, at + 12, len - 12, n)
}

fn expanded_counter_sample(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 16 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let n = s.be32(12)?;
    let (seq, ty, idx) = (s.be32(0)?, s.be32(4)?, s.be32(8)?);
    out!(p, " seqnum {seq}, type {ty}, idx {idx}, records {n}");
    counter_records(p, d, at + 16, len - 16, n)
}

/// `sflow_print_flow_records`.
fn flow_records(p: &mut Printer, d: &[u8], mut at: usize, mut tlen: u32, mut n: u32) -> Bad {
    while n > 0 {
        if tlen < 8 {
            return Ok(true);
        }
        let format = d.be32(at)?;
        let (flow_type, enterprise) = (format & 0x0FFF, format >> 12);
        let flow_len = d.be32(at + 4)?;
        let name = if enterprise == 0 {
            flow_type_name(flow_type)
        } else {
            "Unknown"
        };
        out!(
            p,
            "\n\t    enterprise {enterprise} {name} ({flow_type}) length {flow_len}"
        );
        at += 8;
        tlen -= 8;
        if tlen < flow_len {
            return Ok(true);
        }
        if enterprise == 0 {
            let bad = match flow_type {
                1 => raw_packet(p, d, at, tlen)?,
                1001 => switch_data(p, d, at, tlen)?,
                2 => ethernet_frame(p, d, at, tlen)?,
                // Not decoded by tcpdump ("FIXME these need a decoder").
                3 | 4 | 1002..=1012 => false,
                _ => {
                    if p.opts.verbose <= 1 {
                        print_unknown_data(p, d.get(at..), "\n\t\t", flow_len as usize);
                    }
                    false
                }
            };
            if bad {
                return Ok(true);
            }
        }
        at += flow_len as usize;
        tlen -= flow_len;
        n -= 1;
    }
    Ok(false)
}

fn raw_packet(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 16 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (proto, length, stripped, header) = (s.be32(0)?, s.be32(4)?, s.be32(8)?, s.be32(12)?);
    out!(
        p,
        "\n\t      protocol {} ({proto}), length {length}, stripped bytes {stripped}, header_size {header}",
        raw_protocol_name(proto)
    );
    Ok(false)
}

fn ethernet_frame(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 24 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (length, ty) = (s.be32(0)?, s.be32(20)?);
    out!(p, "\n\t      frame len {length}, type {ty}");
    Ok(false)
}

fn switch_data(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 16 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let v = [s.be32(0)?, s.be32(4)?, s.be32(8)?, s.be32(12)?];
    out!(
        p,
        "\n\t      src vlan {}, src pri {}, dst vlan {}, dst pri {}",
        v[0],
        v[1],
        v[2],
        v[3]
    );
    Ok(false)
}

/// `sflow_print_counter_records`.
fn counter_records(p: &mut Printer, d: &[u8], mut at: usize, mut tlen: u32, mut n: u32) -> Bad {
    while n > 0 {
        if tlen < 8 {
            return Ok(true);
        }
        let format = d.be32(at)?;
        let (counter_type, enterprise) = (format & 0x0FFF, format >> 20);
        let counter_len = d.be32(at + 4)?;
        let name = if enterprise == 0 {
            counter_type_name(counter_type)
        } else {
            "Unknown"
        };
        out!(
            p,
            "\n\t    enterprise {enterprise}, {name} ({counter_type}) length {counter_len}"
        );
        at += 8;
        tlen -= 8;
        if tlen < counter_len {
            return Ok(true);
        }
        if enterprise == 0 {
            let bad = match counter_type {
                1 => generic_counter(p, d, at, tlen)?,
                2 => ethernet_counter(p, d, at, tlen)?,
                // Token ring: nothing printed.
                3 => false,
                4 => basevg_counter(p, d, at, tlen)?,
                5 => vlan_counter(p, d, at, tlen)?,
                1001 => processor_counter(p, d, at, tlen)?,
                _ => {
                    if p.opts.verbose <= 1 {
                        print_unknown_data(p, d.get(at..), "\n\t\t", counter_len as usize);
                    }
                    false
                }
            };
            if bad {
                return Ok(true);
            }
        }
        at += counter_len as usize;
        tlen -= counter_len;
        n -= 1;
    }
    Ok(false)
}

fn generic_counter(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 88 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (index, ty, speed, dir) = (s.be32(0)?, s.be32(4)?, s.be64(8)?, s.be32(16)?);
    out!(
        p,
        "\n\t      ifindex {index}, iftype {ty}, ifspeed {speed}, ifdirection {dir} ({})",
        direction_name(dir)
    );
    let status = s.be32(20)?;
    let up = |b: bool| if b { "up" } else { "down" };
    out!(
        p,
        "\n\t      ifstatus {status}, adminstatus: {}, operstatus: {}",
        up(status & 1 != 0),
        up((status >> 1) & 1 != 0)
    );
    let (octets, uni, multi, bcast, discards) = (
        s.be64(24)?,
        s.be32(32)?,
        s.be32(36)?,
        s.be32(40)?,
        s.be32(44)?,
    );
    out!(
        p,
        "\n\t      In octets {octets}, unicast pkts {uni}, multicast pkts {multi}, broadcast pkts {bcast}, discards {discards}"
    );
    let (errors, unknown) = (s.be32(48)?, s.be32(52)?);
    out!(p, "\n\t      In errors {errors}, unknown protos {unknown}");
    let (octets, uni, multi, bcast, discards) = (
        s.be64(56)?,
        s.be32(64)?,
        s.be32(68)?,
        s.be32(72)?,
        s.be32(76)?,
    );
    out!(
        p,
        "\n\t      Out octets {octets}, unicast pkts {uni}, multicast pkts {multi}, broadcast pkts {bcast}, discards {discards}"
    );
    let (errors, promisc) = (s.be32(80)?, s.be32(84)?);
    out!(p, "\n\t      Out errors {errors}, promisc mode {promisc}");
    Ok(false)
}

fn ethernet_counter(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 52 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let v = [s.be32(0)?, s.be32(4)?, s.be32(8)?, s.be32(12)?, s.be32(16)?];
    out!(
        p,
        "\n\t      align errors {}, fcs errors {}, single collision {}, multiple collision {}, test error {}",
        v[0],
        v[1],
        v[2],
        v[3],
        v[4]
    );
    let v = [s.be32(20)?, s.be32(24)?, s.be32(28)?, s.be32(32)?];
    out!(
        p,
        "\n\t      deferred {}, late collision {}, excessive collision {}, mac trans error {}",
        v[0],
        v[1],
        v[2],
        v[3]
    );
    let v = [s.be32(36)?, s.be32(40)?, s.be32(44)?, s.be32(48)?];
    out!(
        p,
        "\n\t      carrier error {}, frames too long {}, mac receive errors {}, symbol errors {}",
        v[0],
        v[1],
        v[2],
        v[3]
    );
    Ok(false)
}

fn basevg_counter(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 80 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (frames, octets) = (s.be32(0)?, s.be64(4)?);
    out!(
        p,
        "\n\t      in high prio frames {frames}, in high prio octets {octets}"
    );
    let (frames, octets) = (s.be32(12)?, s.be64(16)?);
    out!(
        p,
        "\n\t      in norm prio frames {frames}, in norm prio octets {octets}"
    );
    let v = [s.be32(24)?, s.be32(28)?, s.be32(32)?, s.be32(36)?];
    out!(
        p,
        "\n\t      in ipm errors {}, oversized {}, in data errors {}, null addressed frames {}",
        v[0],
        v[1],
        v[2],
        v[3]
    );
    let (frames, octets, into) = (s.be32(40)?, s.be64(44)?, s.be32(52)?);
    out!(
        p,
        "\n\t      out high prio frames {frames}, out high prio octets {octets}, trans into frames {into}"
    );
    let (hi, norm, out_hi) = (s.be64(56)?, s.be64(64)?, s.be64(72)?);
    out!(
        p,
        "\n\t      in hc high prio octets {hi}, in hc norm prio octets {norm}, out hc high prio octets {out_hi}"
    );
    Ok(false)
}

fn vlan_counter(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 28 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (vlan, octets) = (s.be32(0)?, s.be64(4)?);
    let (uni, multi, bcast, discards) = (s.be32(12)?, s.be32(16)?, s.be32(20)?, s.be32(24)?);
    out!(
        p,
        "\n\t      vlan_id {vlan}, octets {octets}, unicast_pkt {uni}, multicast_pkt {multi}, broadcast_pkt {bcast}, discards {discards}"
    );
    Ok(false)
}

fn processor_counter(p: &mut Printer, d: &[u8], at: usize, len: u32) -> Bad {
    if len < 28 {
        return Ok(true);
    }
    let s = d.from(at)?;
    let (five_sec, one_min, five_min) = (s.be32(0)?, s.be32(4)?, s.be32(8)?);
    let (total, free) = (s.be64(12)?, s.be64(20)?);
    // tcpdump names the free memory `total_mem` as well.
    out!(
        p,
        "\n\t      5sec {five_sec}, 1min {one_min}, 5min {five_min}, total_mem {total}, total_mem {free}"
    );
    Ok(false)
}
