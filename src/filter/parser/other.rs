//! The primitives of grammar.y's `other` rule, which take no address:
//! `broadcast`, `multicast`, `less`/`greater`, `inbound`/`outbound`,
//! `vlan`, `mpls`, `pppoed`/`pppoes`. Mirrors gencode.c's
//! `gen_broadcast`, `gen_multicast`, `gen_less`/`gen_greater`,
//! `gen_inbound`, `gen_vlan`, `gen_mpls`, `gen_pppoed`/`gen_pppoes` checks.

use super::prim::{is_ether, is_wlan, link_desc};
use super::{Parser, R};
use crate::filter::ast::{Expr, MAX_GENEVE, Prim, Proto};
use crate::filter::lexer::{Kw, PName, Tok};
use crate::packet::LinkType;

impl Parser<'_> {
    /// `other` primitives, at the keyword (a pname was consumed for
    /// broadcast/multicast).
    pub(super) fn other(&mut self, start: usize) -> R<Expr> {
        let pq = match self.pos.checked_sub(1).map(|j| self.tok_at(j)) {
            Some(Tok::Kw(Kw::Pname(PName::P(p)))) if start != self.start() => Some(*p),
            _ => None,
        };
        let i = self.pos;
        // bison's stack: `pqual` (a pname, or the empty rule) before
        // broadcast/multicast, and the keyword.
        self.shift(
            if matches!(self.peek(), Tok::Kw(Kw::Broadcast | Kw::Multicast)) {
                2
            } else {
                1
            },
        )?;
        let kw = self.bump();
        let l = self.cur_link();
        let p = match kw {
            Tok::Kw(Kw::Broadcast) => match pq {
                None | Some(Proto::Link) => {
                    if !(is_ether(l) || is_wlan(l) || matches!(l.0, 6 | 7 | 10 | 122 | 129)) {
                        return Err(self.err_at(i, "not a broadcast link"));
                    }
                    Prim::Broadcast(pq)
                }
                Some(Proto::Ip) => Prim::Broadcast(pq),
                Some(_) => {
                    return Err(self.err_at(i, "only link-layer/IP broadcast filters supported"));
                }
            },
            Tok::Kw(Kw::Multicast) => match pq {
                Some(Proto::Ip | Proto::Ip6) => Prim::Multicast(pq),
                None | Some(Proto::Link)
                    if is_ether(l) || is_wlan(l) || matches!(l.0, 6 | 7 | 10 | 122 | 129) =>
                {
                    Prim::Multicast(pq)
                }
                _ => {
                    return Err(self.err_at(
                        i,
                        "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel",
                    ));
                }
            },
            Tok::Kw(k @ (Kw::Less | Kw::Greater)) => {
                let Tok::Num(n) = *self.peek() else {
                    return Err(self.syntax());
                };
                self.shift(2)?;
                self.bump();
                if k == Kw::Less {
                    Prim::Less(n)
                } else {
                    Prim::Greater(n)
                }
            }
            Tok::Kw(Kw::Ifindex) => {
                let Tok::Num(n) = *self.peek() else {
                    return Err(self.syntax());
                };
                self.shift(2)?;
                self.bump();
                // gen_ifindex: the SLL2 header's interface index; other
                // link types only live (kernel metadata), never in files.
                if l != LinkType::LINUX_SLL2 {
                    return Err(self.err_at(
                        i,
                        format!(
                            "ifindex not supported on {} when reading savefiles",
                            link_desc(l)
                        ),
                    ));
                }
                Prim::IfIndex(n)
            }
            Tok::Kw(k @ (Kw::Inbound | Kw::Outbound)) => {
                if !matches!(l.0, 8 | 113 | 117 | 166 | 226 | 276) {
                    return Err(self.err_at(
                        i,
                        format!(
                            "inbound/outbound not supported on {} when reading savefiles",
                            link_desc(l)
                        ),
                    ));
                }
                Prim::Inbound(k == Kw::Inbound)
            }
            Tok::Kw(Kw::Vlan) => {
                let n = self.opt_pnum()?;
                if self.encap.labels() > 0 {
                    return Err(self.err_at(i, "no VLAN match after MPLS"));
                }
                if !(is_ether(l) || matches!(l.0, 105 | 119 | 127 | 163)) {
                    return Err(self.err_at(i, format!("no VLAN support for {}", link_desc(l))));
                }
                let v = match n {
                    Some(n) if n > 4095 => {
                        return Err(
                            self.err_at(i, format!("VLAN tag {n} greater than maximum 4095"))
                        );
                    }
                    Some(n) => Some(n as u16),
                    None => None,
                };
                let e = self.prim(Prim::Vlan(v), start);
                self.encap.vlans = self.encap.vlans.saturating_add(1);
                return Ok(e);
            }
            Tok::Kw(Kw::Geneve) => {
                let n = self.opt_pnum()?;
                if let Some(n) = n.filter(|&n| n > 0xff_ffff) {
                    return Err(
                        self.err_at(i, format!("Geneve VNI {n} greater than maximum 16777215"))
                    );
                }
                if self.encap.geneve >= MAX_GENEVE {
                    // Each `geneve` keeps three of BPF's 16 scratch
                    // registers for the rest of the program.
                    return Err(self.err_at(i, "too many registers needed to evaluate expression"));
                }
                let e = self.prim(Prim::Geneve(n), start);
                let enc = &mut self.encap;
                enc.mpls_outer = enc.labels();
                enc.vlans = 0;
                enc.mpls = 0;
                enc.pppoes = false;
                enc.geneve += 1;
                return Ok(e);
            }
            Tok::Kw(Kw::Mpls) => {
                let n = self.opt_pnum()?;
                if self.encap.labels() == 0 && !(is_ether(l) || matches!(l.0, 9 | 104 | 112)) {
                    return Err(self.err_at(i, format!("no MPLS support for {}", link_desc(l))));
                }
                if let Some(n) = n.filter(|&n| n > 0xFFFFF) {
                    return Err(
                        self.err_at(i, format!("MPLS label {n} greater than maximum 1048575"))
                    );
                }
                let e = self.prim(Prim::Mpls(n), start);
                self.encap.mpls = self.encap.mpls.saturating_add(1);
                return Ok(e);
            }
            Tok::Kw(Kw::Pppoed) => Prim::Pppoed,
            Tok::Kw(Kw::Pppoes) => {
                let n = self.opt_pnum()?;
                let v = match n {
                    Some(n) if n > 0xffff => {
                        return Err(self.err_at(
                            i,
                            format!("PPPoE session number {n} greater than maximum 65535"),
                        ));
                    }
                    Some(n) => Some(n as u16),
                    None => None,
                };
                let e = self.prim(Prim::Pppoes(v), start);
                self.encap.pppoes = true;
                return Ok(e);
            }
            _ => return Err(self.err_at(i, "syntax error")),
        };
        Ok(self.prim(p, start))
    }
}
