//! One endpoint's RFC 793/9293 state, driven by what the capture shows.
//!
//! A segment seen on the wire was sent by one endpoint: [`Endpoint::on_send`]
//! moves the sender, then [`Endpoint::on_recv`] the receiver. A receiver
//! changes state on a SYN or FIN only when its own next segment shows it got
//! it (its SYN-ACK, its ACK of the SYN-ACK, its ACK covering the FIN), so a
//! capture taken at one end reads the other end right: crossing FINs give
//! CLOSING then TIME_WAIT on both ends, and a SYN-ACK that never reached the
//! client leaves it in SYN_SENT. ACKs and RSTs are taken as received:
//!
//! | event | from | to |
//! |---|---|---|
//! | send SYN | CLOSED | SYN_SENT |
//! | send SYN-ACK | LISTEN, CLOSED | SYN_RECEIVED |
//! | send SYN-ACK | SYN_SENT | SYN_RECEIVED (simultaneous open) |
//! | send ACK (no SYN) | SYN_SENT | ESTABLISHED |
//! | receive ACK of our SYN | SYN_RECEIVED | ESTABLISHED |
//! | send FIN | ESTABLISHED, SYN_RECEIVED | FIN_WAIT_1 |
//! | send FIN | CLOSE_WAIT | LAST_ACK |
//! | receive ACK of our FIN | FIN_WAIT_1 / CLOSING / LAST_ACK | FIN_WAIT_2 / TIME_WAIT / CLOSED |
//! | send ACK covering the peer's FIN | ESTABLISHED / FIN_WAIT_1 / FIN_WAIT_2 | CLOSE_WAIT / CLOSING / TIME_WAIT |
//! | send or receive RST | any | CLOSED |
//!
//! Both ends of a connection start in CLOSED (a capture shows no listener
//! until it answers; LISTEN is kept in the state list for `--states`); both
//! ends of a capture that starts mid-connection start in ESTABLISHED.
//! TIME_WAIT is kept to the end (the capture cannot see 2 MSL expire).
//!
//! Zeek's per-endpoint states (`TCP_INACTIVE` … `TCP_RESET`, what the
//! endpoint has *sent*) are tracked alongside for `conn_state`.

use crate::decode::TcpFlags;

/// RFC 9293 states, named as the JSON output spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

impl State {
    pub const ALL: [State; 11] = [
        State::Closed,
        State::Listen,
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::FinWait2,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ];
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN_SENT",
            State::SynReceived => "SYN_RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN_WAIT_1",
            State::FinWait2 => "FIN_WAIT_2",
            State::CloseWait => "CLOSE_WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST_ACK",
            State::TimeWait => "TIME_WAIT",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    /// Whether nothing more is expected from this end.
    pub fn finished(self) -> bool {
        matches!(self, State::Closed | State::TimeWait)
    }
}

/// One end of a connection.
#[derive(Clone, Copy, Debug, Default)]
pub struct Endpoint {
    pub state: State,
    /// Our SYN's sequence number, once sent.
    pub iss: Option<u32>,
    /// The sequence number our FIN occupies, once sent.
    pub fin_seq: Option<u32>,
    /// When we received the peer's FIN / sent ours (ns), for CLOSE_WAIT time.
    pub fin_received_at: Option<u64>,
    pub fin_sent_at: Option<u64>,
    /// The peer sent a bare SYN (crossing SYNs: simultaneous open).
    pub peer_syn: bool,
}

impl Endpoint {
    pub fn new(state: State) -> Endpoint {
        Endpoint {
            state,
            ..Endpoint::default()
        }
    }

    /// This end sent a segment with `flags` at sequence `seq` carrying `len`
    /// payload bytes.
    pub fn on_send(
        &mut self,
        flags: TcpFlags,
        seq: u32,
        ack_no: u32,
        len: u32,
        peer_fin: Option<u32>,
        now: u64,
    ) {
        let syn = flags.has(TcpFlags::SYN);
        let ack = flags.has(TcpFlags::ACK);
        let fin = flags.has(TcpFlags::FIN);
        if flags.has(TcpFlags::RST) {
            self.state = State::Closed;
            return;
        }
        // Acknowledging the peer's FIN shows it was received.
        if ack && peer_fin.is_some_and(|f| acked(ack_no, f)) {
            let before = self.state;
            self.state = match self.state {
                State::Established | State::SynReceived => State::CloseWait,
                State::FinWait1 => State::Closing,
                State::FinWait2 => State::TimeWait,
                s => s,
            };
            if before != self.state {
                self.fin_received_at = Some(now);
            }
        }
        if syn {
            if self.iss.is_none() {
                self.iss = Some(seq);
            }
            if ack {
                if matches!(self.state, State::Listen | State::Closed | State::SynSent) {
                    self.state = State::SynReceived;
                }
            } else if self.state == State::Closed {
                self.state = State::SynSent;
            }
        } else if ack && self.state == State::SynSent {
            // The client's ACK of the SYN-ACK shows it got it.
            self.state = State::Established;
        }
        if fin {
            let syn_len = u32::from(syn);
            let fin = seq.wrapping_add(syn_len).wrapping_add(len);
            match self.state {
                State::Established | State::SynReceived => {
                    self.state = State::FinWait1;
                    self.fin_seq = Some(fin);
                    self.fin_sent_at = Some(now);
                }
                State::CloseWait => {
                    self.state = State::LastAck;
                    self.fin_seq = Some(fin);
                    self.fin_sent_at = Some(now);
                }
                _ => {}
            }
        }
    }

    /// This end received a segment the peer sent.
    pub fn on_recv(&mut self, flags: TcpFlags, ack: u32, now: u64) {
        if flags.has(TcpFlags::RST) {
            self.state = State::Closed;
            return;
        }
        let acks = |x: Option<u32>| flags.has(TcpFlags::ACK) && x.is_some_and(|s| acked(ack, s));
        let syn = flags.has(TcpFlags::SYN);
        if syn && !flags.has(TcpFlags::ACK) {
            self.peer_syn = true;
        }
        // In a simultaneous open the peer's SYN-ACK may arrive before this
        // end sent its own: it completes this end's handshake.
        let crossing = self.state == State::SynSent && self.peer_syn && syn;
        if (self.state == State::SynReceived || crossing) && acks(self.iss) {
            self.state = State::Established;
        }
        if acks(self.fin_seq) {
            self.state = match self.state {
                State::FinWait1 => State::FinWait2,
                State::Closing => State::TimeWait,
                State::LastAck => State::Closed,
                s => s,
            };
        }
        let _ = now;
    }
}

/// Whether `ack` acknowledges the byte (or SYN/FIN) at `x`.
pub fn acked(ack: u32, x: u32) -> bool {
    ack.wrapping_sub(x.wrapping_add(1)) < 1 << 31
}
