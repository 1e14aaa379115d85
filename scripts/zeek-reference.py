#!/usr/bin/env python3
"""zeek-reference.py -- build the Zeek reference set (traces + conn.log baselines).

Usage:
    scripts/zeek-reference.py ZEEK [--out DIR] [--commit SHA]
    scripts/zeek-reference.py ZEEK --discover     # list every btest baseline with TCP conn rows

ZEEK is a zeek/zeek checkout (a work tree) or a bare git directory of it (read with
`git cat-file`; files missing from a partial mirror are reported and skipped).  The set is
written to DIR (default: tests/data/zeek next to this script's repository):

    DIR/traces/<path under testing/btest/Traces>          the capture, byte for byte
                                                          (a .gz trace is stored gunzipped, without .gz)
    DIR/baselines/<same path>.conn.log                    the btest baseline, byte for byte
    DIR/SOURCES.tsv                                       one row per pair (see README.md)

Only the pairs listed in PAIRS below are taken: each names the btest baseline file (under
testing/btest/Baseline/) and the trace its test reads with `zeek -r`.  The script checks that
the test file really reads that trace, that the baseline has the columns it should, that the
trace is not a Git LFS pointer, and prints what it skipped.  Plain Python 3, standard library.
"""
import argparse
import gzip
import hashlib
import os
import re
import subprocess
import sys

# kind: "full"    = a whole conn.log (ASCII, #fields header), proto column present;
#       "partial" = a zeek-cut / btest-diff-cut extract (a header line of field names, some
#                   columns only); rows without a proto column count as TCP when their
#                   history has a TCP-only letter (compare-zeek.py).
# flags: how zeek ran beyond `-r` (-C = ignore checksums; -f = capture filter, applied to
#        tcpscope too by compare-zeek.py; "full" = without -b, all default scripts loaded).
# category: "plain" (Ethernet/IP/TCP, what the analyzer is judged on), "checksum" (zeek ran
#        without -C on a trace with bad checksums, so its verdict rests on dropped packets) or "encap" (tunnels and
#        link layers tcpscope's analyzer may not see through: VXLAN, Geneve, GRE, GTP,
#        Teredo, AYIYA, MPLS, PBB, PPPoE, FabricPath, VN-Tag).
# (baseline under Baseline/, trace under Traces/, kind, flags, category, note)
PAIRS = [
    # --- core / tcp -----------------------------------------------------------------
    ("core.tcp.missing-syn/conn.log", "tcp/missing-syn.pcap", "full", "-b -C", "plain", ""),
    ("core.tcp.flip-without-syn/conn.log", "tcp/http-on-irc-port-missing-syn.pcapng", "full", "full", "plain", ""),
    ("core.tcp.miss-end-data/conn.log", "tcp/miss_end_data.pcap", "full", "-b", "plain",
     "test sets report_gaps_for_partial=T (only content_gap events)"),
    ("core.tcp.rxmit-history/conn-1.log", "tcp/retransmit-fast009.pcap", "full", "full -C", "plain", ""),
    ("opt.basic/conn.log", "wikipedia.pcap", "full", "full", "plain",
     "TCP rows identical to core.tcp.rxmit-history/conn-2.log (-C)"),
    ("core.expire-all-timers/conn-all.log", "tcp/retransmit-timeout.pcapng", "full", "-b -C", "plain",
     "run with max_timer_expires=0 (all due timers expire); the test's other log suppresses timeouts"),
    ("core.tcp.large-file-reassembly/conn.log", "ftp/bigtransfer.pcap", "full", "full", "plain",
     "test sets tcp_excessive_data_without_further_acks=0 (reassembly only)"),
    ("core.tcp.reassembly-known-ports/conn.log", "http/get.pcap", "full", "-b", "plain",
     "test sets dpd_reassemble_first_packets=F (analyzers only)"),
    ("core.tcp-padding/conn.log", "tcp-http-with-padding.pcap", "full", "full -C", "plain", ""),
    ("core.conn-size-flip/conn.log.one-sided", "tcp/one-sided-2745.pcap", "partial", "-b -C", "plain", ""),
    ("core.conn-size-flip/conn.log.ctu", "tcp/ctu-64702-888.pcap", "partial", "-b -C", "plain", ""),
    ("core.checksums_ignore_nets/conn-worked.log", "chksums/localhost-bad-chksum.pcap", "full", "-b", "plain",
     "ignore_checksums_nets += {192.168.0.0/16}: checksums of the trace's hosts ignored (as -C)"),
    # --- http -------------------------------------------------------------------------
    ("scripts.base.protocols.http.concurrent-range-requests/conn.log", "http/concurrent-range-requests.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.http.http-connect-with-header/conn.log", "http/connect-with-header.pcap", "full", "-b -C", "plain", ""),
    ("scripts.base.protocols.http.http-connect/conn.log", "http/connect-with-smtp.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.http.http-no-crlf/conn.log", "http/no_crlf.pcap", "full", "-b", "plain", ""),
    ("scripts.policy.protocols.conn.speculative-service/conn-post-large.log", "http/http-post-large.pcap", "full", "-b -C", "plain",
     "speculative-service changes the service column only"),
    ("scripts.base.frameworks.analyzer.request-response-protocol-differences/conn-http-to-ssh.log", "http/http-to-ssh.pcap", "full", "full", "plain", ""),
    ("scripts.base.frameworks.analyzer.request-response-protocol-differences/conn-https-to-http.log", "tls/https-to-http.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.ssh.http-port-22/conn.log", "http/http-single-conn-22.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.http.flip-content-line-orig/conn.log.cut", "http/zeek-image-post-1080-8000-x.pcap", "partial", "-b", "plain",
     "core.local-flip (same trace) redefines local nets"),
    ("scripts.base.protocols.http.flip-content-line-resp/conn.log.cut", "http/zeek-image-1080-80-x.pcapng", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.m57-long-download-windowsupdate-1/conn.log.cut", "http/m57-long-49583-80.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.m57-long-download-windowsupdate-2/conn.log.cut", "http/m57-long-49600-80.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.chunk-2pow64-overflow/conn.log", "http/261/variant-01-chunk_2pow64_overflow.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.cl-uint64max/conn.log", "http/261/variant-02-cl_uint64max.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.cl-negative/conn.log", "http/261/variant-03-cl_negative.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.te-cl-desync/conn.log", "http/261/variant-04-te_cl_desync.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.cl-0-expect-100/conn.log", "http/261/variant-07-expect_100_cl0.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.cl-leading-zeros/conn.log", "http/261/variant-08-leading_zeros.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.obsolete-line-fold/conn.log", "http/261/variant-09-te_obs_fold.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.261.chunked-rest/conn.log", "http/261/variant-10-multi_value_te.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.content-length-overflow/conn.log", "http/content-length-overflow.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.deeply-nested-mime/conn.log", "http/deeply-nested-mime.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.invalid-content-ranges/conn.log", "http/invalid-content-ranges.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.query-method/conn.log", "http/query-method.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.http.query-method-non-standard-port/conn.log", "http/query-method-non-standard-port.pcap", "partial", "-b", "plain", ""),
    ("scripts.policy.frameworks.analyzer.detect-protocols-violation/conn.log", "http/get-to-ssh-server.pcap", "partial", "full -C", "plain", ""),
    ("scripts.policy.frameworks.analyzer.detect-protocols-violation-ssl-to-http/conn.log", "tls/ssl-to-http-server.pcap", "partial", "full -C", "plain", ""),
    ("scripts.base.files.zip.a.zip/conn.log", "zip/a.zip.pcap", "partial", "full -C", "plain", ""),
    # --- ftp --------------------------------------------------------------------------
    ("scripts.base.protocols.ftp.ftp-ipv4/conn.log", "ftp/ipv4.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-ipv6/conn.log", "ftp/ipv6.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.cwd-navigation/conn.log", "ftp/cwd-navigation.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-auth-tls/conn.log", "ftp/ftp-auth-tls.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-invalid-reply-code/conn.log", "ftp/ftp-invalid-reply-code.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-max-command-length/conn.log", "ftp/fake-long-commands.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-max-pending-commands/conn.log", "ftp/fake-server-delays-all.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-missing-reply-code/conn.log", "ftp/ftp-missing-reply-code.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-missing-space-after-reply-code/conn.log", "ftp/ftp-missing-space-after-reply-code.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.ftp.ftp-password-pass-command/conn.log", "ftp/ftp-password-pass-command.pcap", "full", "-b -C", "plain", ""),
    # --- ssh, tls/starttls, mail, irc, misc application protocols ---------------------
    ("scripts.base.protocols.ssh.basic/conn.log", "ssh/ssh.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.ssh.half-duplex-client/conn.log", "ssh/ssh.client-side-half-duplex.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.ssh.half-duplex-server/conn.log", "ssh/ssh.server-side-half-duplex.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.ssh.pre-banner/conn.log", "ssh/server-pre-banner-data.pcap", "full", "full", "plain", ""),
    ("spicy.replaces/conn.log", "ssh/ssh-on-port-80.pcap", "full", "full", "plain",
     "the test's second zeek run (its conn.log overwrites the first's); Spicy SSH analyzer, service column only"),
    ("scripts.base.protocols.ssh.dh_group18_kex/conn.log", "ssh/ssh_kex_dh_group18.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.ssh.max-kexinit-algorithms/conn.log", "ssh/kex-quadratic-1000.pcap.gz", "partial", "-b", "plain", "gunzipped"),
    ("scripts.base.protocols.imap.starttls/conn.log", "tls/imap-starttls.pcap", "full", "-b -C", "plain", ""),
    ("scripts.base.protocols.irc.starttls/conn.log", "tls/irc-starttls.pcap", "full", "-b -C", "plain", ""),
    ("scripts.base.protocols.pop3.starttls/conn.log", "tls/pop3-starttls.pcap", "full", "-b -C", "plain", ""),
    ("scripts.base.protocols.xmpp.starttls/conn.log", "tls/xmpp-starttls.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.pop3.basic/conn.log", "pop3/pop3.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.pop3.bad-list-retr-crafted/conn.log", "pop3/bad-list-retr-crafted.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.pop3.redis/conn.log", "pop3/redis-50-pings.pcap", "full", "-b", "plain", ""),
    ("scripts.base.files.mime.mime-content-hash/conn.log", "smtp.pcap", "partial", "-b -f 'tcp port 25'", "plain",
     "scripts.base.frameworks.netcontrol.packetfilter (same trace) drops packets"),
    ("scripts.base.protocols.smtp.mime-header-size-limit/conn.log", "smtp/mime-header-size-limit.pcap.gz", "partial", "-b", "plain", "gunzipped"),
    ("scripts.base.protocols.irc.basic/conn.log", "irc-dcc-send.pcapng", "full", "-b", "plain", ""),
    ("scripts.base.protocols.krb.krb-service-name/conn.log", "krb/optional-service-name.pcap", "full", "-b", "plain", ""),
    ("scripts.base.frameworks.logging.field-name-map2/conn.log", "auth_change_session_keys.pcap", "full", "-b", "checksum",
     "id.* columns renamed src_ip/src_port/dst_ip/dst_port by Log::default_field_name_map; run without -C and the "
     "responder's packets have IP checksum 0 (offload), so Zeek drops them"),
    ("scripts.base.protocols.mysql.encrypted/conn.log", "mysql/encrypted.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.mysql.encrypted-aws-rds/tls-12.conn.log", "mysql/tls-12-amazon-rds.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.mysql.encrypted-aws-rds/tls-13.conn.log", "mysql/tls-13-amazon-rds.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.redis.django-cloud/conn.log", "redis/django-cloud.pcapng", "full", "-b", "plain", ""),
    ("scripts.base.protocols.modbus.events/conn-second.log", "modbus/modbus-eit.pcap", "full", "-b", "plain", ""),
    ("scripts.base.protocols.modbus.modbus_and_non_modbus_on_port_502/conn.log", "modbus/modbus-and-non-modbus-p502.pcap", "full", "full", "plain", ""),
    ("scripts.base.protocols.postgresql.greenhouse-app/conn.log", "postgresql/greenhouse-app.pcap", "partial", "-b -C", "plain", ""),
    ("scripts.base.protocols.postgresql.http-on-port-5432/conn.cut", "postgresql/http-on-port-5432.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.postgresql.mysql-on-port-5432/conn.cut", "postgresql/mysql-on-port-5432.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.socks.socks-auth-10080/conn.log.cut", "socks-auth-10080.pcap", "partial", "full", "plain", ""),
    ("scripts.base.protocols.syslog.tcp-framing/conn.log", "tcp-syslog.pcap", "partial", "-b -C", "plain", ""),
    ("scripts.base.protocols.syslog.tcp-framing-nontransparent/conn.log", "tcp-syslog-nontransparent.pcap", "partial", "-b -C", "plain", ""),
    ("scripts.base.protocols.rpc.max-pending-calls/conn.log", "portmapper-many-unanswered-calls.pcapng.gz", "partial", "full", "plain", "gunzipped"),
    ("scripts.base.protocols.gnutella.max-header-length/conn.log", "gnutella/max-header.pcapng", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.gnutella.max-line-length/conn.log", "gnutella/max-line.pcapng", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.websocket.broker-websocket/conn.log", "websocket/broker-websocket.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.websocket.jupyter-websocket/conn.log", "websocket/jupyter-websocket.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.websocket.wstunnel-http/conn.log", "websocket/wstunnel-http.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.websocket.wstunnel-https/conn.log", "websocket/wstunnel-https.pcap", "partial", "-b", "plain", ""),
    ("scripts.base.protocols.websocket.wstunnel-ssh/conn.log", "websocket/wstunnel-ssh.pcap", "partial", "-b", "plain", ""),
    # --- ldap ---------------------------------------------------------------------------
    ("scripts.base.protocols.ldap.basic/conn.log", "ldap/simpleauth.pcap", "full", "full -C", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.add/conn.log", "ldap/ldap-add.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.diff_port/conn.log", "ldap/simpleauth-diff-port.pcap", "full", "full -C", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-encrypted/conn.log", "ldap/krb5-sign-seal-01.pcap", "full", "full -C", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-ntlm/conn.log", "ldap/sasl-ntlm.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-scram-sha-512/conn.log", "ldap/sasl-scram-sha-512.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-signed-clear-2/conn.log", "ldap/missing_krbtgt_ldap_request.pcapng", "full", "full -C", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-signed-clear/conn.log", "ldap/missing_ldap_logs.pcapng", "full", "full -C", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.sasl-srp-who-am-i/conn.log", "ldap/sasl-srp-who-am-i.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.spnego-ntlmssp/conn.log", "ldap/ctu-sme-11-win7ad-1-ldap-tcp-50041.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.starttls/conn.log", "ldap/ldap-starttls.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.who-am-i/conn.log", "ldap/ldap-who-am-i.pcap", "full", "full", "plain", "local_orig/local_resp cut"),
    ("scripts.base.protocols.ldap.gap/conn.log", "ldap/gap-data-missing.pcapng", "partial", "full", "plain", "no id.orig_p column"),
    ("scripts.base.protocols.ldap.pending-messages-exceeded/conn.log", "ldap/pending-adds-10.pcap", "partial", "full", "plain", ""),
    ("scripts.base.protocols.ldap.pending-searches-exceeded/conn.log", "ldap/pending-searches-10.pcap", "partial", "full", "plain", ""),
    ("scripts.base.protocols.ldap.sasl-gss-spnego-ntlm/conn.log", "ldap/ctu-60387-63723-ldap.pcap", "partial", "full -C", "plain", ""),
    # --- link layers and tunnels (category encap) ----------------------------------------
    ("scripts.policy.protocols.conn.mac-logging/conn3.log", "llc.pcap", "full", "-b -C", "encap",
     "FDDI link type (DLT 10) with 802.2 LLC/SNAP; mac-logging adds orig_l2_addr/resp_l2_addr only"),
    ("core.vlan-mpls/conn.log", "mixed-vlan-mpls.pcap", "full", "-b -C", "encap", "802.1Q and MPLS"),
    ("core.mpls-in-vlan/conn.log", "mpls-in-vlan.pcap", "full", "full -C", "encap", "MPLS in 802.1Q"),
    ("core.pbb/conn.log", "pbb.pcap", "full", "-b", "encap", "802.1ah PBB"),
    ("core.pppoe-over-qinq/conn.log", "pppoe-over-qinq.pcap", "full", "full", "encap", "PPPoE in QinQ"),
    ("core.cisco-fabric-path/conn.log", "cisco-fabric-path.pcap", "full", "full", "encap", "Cisco FabricPath"),
    ("core.vntag-in-vlan/conn.log", "vntag_vlan_sandwich_clean.pcap", "full", "-b -C", "encap", "VN-Tag"),
    ("core.tunnels.analyzer-confirmation/conn.log", "tunnels/vxlan-encapsulated-http.pcap", "full", "-b", "encap", "VXLAN"),
    ("core.tunnels.geneve-47101/conn.log", "tunnels/geneve-47101.pcap", "full", "-b -C", "encap", "Geneve on UDP 47101 (test registers the port)"),
    ("core.tunnels.geneve-many-options/conn.log", "tunnels/geneve-many-options.pcap", "full", "-b -C", "encap", "Geneve"),
    ("core.tunnels.gre/conn.log", "tunnels/gre-sample.pcap", "full", "-b", "encap", "GRE"),
    ("core.tunnels.gre-aruba-amsdu/conn.log", "tunnels/gre-aruba-amsdu.pcap", "full", "-b", "encap", "GRE (Aruba)"),
    ("core.tunnels.gre-over-udp/conn.log", "tunnels/gre-over-udp-4754.pcap", "full", "-b", "encap", "GRE over UDP"),
    ("core.tunnels.gtp.different_dl_and_ul/conn.log", "tunnels/gtp/gtp2_different_udp_port.pcap", "full", "-b -C", "encap", "GTP-U"),
    ("core.tunnels.gtp.opt_header/conn.log", "tunnels/gtp/gtp6_gtp_0x32.pcap", "full", "-b", "encap", "GTP-U"),
    ("core.tunnels.gtp.outer_ip_frag/conn.log", "tunnels/gtp/gtp1_gn_normal_incl_fragmentation.pcap", "full", "full -C", "encap", "GTP-U, fragmented outer IP"),
    ("core.tunnels.teredo/conn.log", "tunnels/Teredo.pcap", "full", "-b", "encap", "Teredo"),
    ("core.tunnels.teredo_bubble_with_payload/conn.log", "tunnels/teredo_bubble_with_payload.pcap", "full", "-b", "encap", "Teredo"),
    ("core.tunnels.ayiya/conn.log", "tunnels/ayiya3.pcap", "full", "-b", "encap", "AYIYA"),
]

# Baselines with TCP rows that were looked at and left out, with the reason (README.md lists them).
SKIPPED = [
    ("core.history-flip/conn.log", "redefines Site::local_nets (flips roles); tcp/missing-syn.pcap kept via core.tcp.missing-syn"),
    ("core.local-flip/conn.log", "redefines local nets / flips; trace kept via flip-content-line-orig"),
    ("core.expire-all-timers/conn-limited.log", "suppresses connection timeouts with dummy timers"),
    ("core.pcap.dynamic-filter/conn.log", "installs pcap filters at run time"),
    ("core.pcap.read-trace-with-filter/conn.log", "-f 'port 50000'; wikipedia.pcap kept via opt.basic"),
    ("core.print-bpf-filters/conn.log", "restricted_filter=vlan"),
    ("core.skip_analyzer/conn.log", "skips 38 bytes of every packet"),
    ("core.tcp.bad-checksum-syn/conn.log", "verdict rests on Zeek dropping a bad-checksum SYN (no -C)"),
    ("core.tunnels.geneve-inner-tcp-bad-checksum/conn.log", "verdict rests on a bad inner TCP checksum (no -C)"),
    ("core.tunnels.vxlan-inner-tcp-bad-checksum/conn.log", "verdict rests on a bad inner TCP checksum (no -C)"),
    ("core.checksums_ignore_nets/conn-failed.log", "same trace without ignoring checksums: Zeek drops the packets"),
    ("scripts.base.protocols.ftp.gridftp/conn.log", "globus-url-copy.pcap: gridftp.zeek calls skip_further_processing on the data channel"),
    ("scripts.base.frameworks.netcontrol.packetfilter/conn.log", "NetControl drops traffic of established hosts"),
    ("scripts.base.frameworks.analyzer.request-analyzer/conn.log", "-f 'port 53 or port 80', analyzers disabled"),
    ("scripts.policy.frameworks.conn_key.*", "VLAN-aware connection keys change connection identity"),
    ("scripts.base.protocols.modbus.events/conn-first.log", "modbus/modbus.pcap is missing from the mirror (over 4 MiB or LFS)"),
    ("plugins.pktsrc/conn.log, plugins.connkey/*", "plugin packet source / connection key"),
    ("tools.zeek-cut.*", "zeek-cut test data, no trace"),
    ("scripts.base.protocols.login.* (contentline/*.gz)", "five crafted one-connection traces of 17-18 MB each once gunzipped"),
    ("scripts.base.protocols.ldap.ldap_substring_search/conn.log", "history 'D' only, no proto column: TCP-ness not visible"),
    ("core.tunnels.vxlan/conn.log", "no TCP rows"),
    ("(duplicates)", "other baselines of a trace already kept (logging framework tests on wikipedia.pcap, "
     "dpd-logging-configuration, signatures.eval-condition, ssh max-lengths, save-load-seeds, ...)"),
]

TCP_LETTERS = set("SsHhAaFfRrTtWwGgIiQq")


class Source:
    """Reads files of a zeek/zeek work tree or of a bare git directory."""

    def __init__(self, path):
        self.path = path
        self.bare = not os.path.isdir(os.path.join(path, "testing")) and os.path.isfile(os.path.join(path, "HEAD"))
        if not self.bare and not os.path.isdir(os.path.join(path, "testing", "btest")):
            sys.exit(f"zeek-reference.py: {path}: not a zeek/zeek checkout (no testing/btest) nor a bare git dir")
        self._tree = None

    def git(self, *args):
        base = ["git", f"--git-dir={self.path}"] if self.bare else ["git", "-C", self.path]
        return subprocess.run(base + list(args), capture_output=True, check=False)

    def commit(self):
        r = self.git("rev-parse", "HEAD")
        return r.stdout.decode().strip() if r.returncode == 0 else "unknown"

    def read(self, rel):
        """Bytes of file rel, or None when absent."""
        if not self.bare:
            p = os.path.join(self.path, rel)
            if not os.path.isfile(p):
                return None
            with open(p, "rb") as f:
                return f.read()
        r = self.git("cat-file", "blob", f"HEAD:{rel}")
        return r.stdout if r.returncode == 0 else None

    def listdir_files(self, rel):
        """All file paths below rel (relative to the repository root)."""
        if not self.bare:
            out = []
            for root, _dirs, files in os.walk(os.path.join(self.path, rel)):
                for f in files:
                    out.append(os.path.relpath(os.path.join(root, f), self.path))
            return sorted(out)
        r = self.git("ls-tree", "-r", "--name-only", "HEAD", "--", rel)
        return sorted(r.stdout.decode().splitlines())


BT = "testing/btest"


def test_files(src):
    """btest name (dotted path without extension) -> test file path."""
    tests = {}
    for p in src.listdir_files(BT):
        rel = p[len(BT) + 1:]
        top = rel.split("/")[0]
        if top in ("Baseline", "Baseline.cpp", "Baseline.zam", "Traces", "Files", ".tmp") or "/" not in rel:
            continue
        tests.setdefault(os.path.splitext(rel)[0].replace("/", "."), p)
    return tests


def test_of(baseline, tests):
    d = baseline.split("/")[0]
    if d in tests:
        return tests[d]
    m = re.match(r"(.*)-(\d+)$", d)  # @TEST-START-NEXT parts: name-2, name-3 ...
    if m and m.group(1) in tests:
        return tests[m.group(1)]
    return None


def parse_log(text):
    """(fields, rows) of a Zeek ASCII log or a zeek-cut -m extract (first line = field names)."""
    fields, rows = None, []
    for line in text.splitlines():
        if line.startswith("#fields\t"):
            fields = line[len("#fields\t"):].split("\t")
            continue
        if line.startswith("#") or not line:
            continue
        if fields is None:
            fields = line.split("\t")
            continue
        rows.append(dict(zip(fields, line.split("\t"))))
    return fields or [], rows


def header_fields(text):
    return parse_log(text)[0]


def is_tcp(row):
    if "proto" in row:
        return row["proto"] == "tcp"
    return bool(set(row.get("history", "")) & TCP_LETTERS)


def tcp_rows(text):
    return sum(1 for r in parse_log(text)[1] if is_tcp(r))


def discover(src):
    tests = test_files(src)
    for p in src.listdir_files(f"{BT}/Baseline"):
        data = src.read(p)
        if data is None:
            continue
        text = data.decode("utf-8", "replace")
        f = header_fields(text)
        if "history" not in f and "conn_state" not in f and "orig_pkts" not in f:
            continue
        n = tcp_rows(text)
        if not n:
            continue
        bl = p[len(BT) + len("/Baseline/"):]
        t = test_of(bl, tests)
        traces = sorted(set(re.findall(r"\$\{?TRACES\}?/([^\s;|)]+)", (src.read(t) or b"").decode("utf-8", "replace")))) if t else []
        print(f"{bl}\t{n} tcp\t{t}\t{' '.join(traces)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("zeek", help="zeek/zeek checkout (work tree) or bare git directory")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "zeek"))
    ap.add_argument("--commit", help="zeek/zeek commit to record (default: HEAD of ZEEK)")
    ap.add_argument("--max-trace-mb", type=float, default=10.0)
    ap.add_argument("--discover", action="store_true", help="only list baselines with TCP conn rows")
    a = ap.parse_args()
    src = Source(a.zeek)
    if a.discover:
        discover(src)
        return 0
    commit = a.commit or src.commit()
    tests = test_files(src)
    out = os.path.abspath(a.out)
    rows = []
    total = 0
    problems = 0
    seen = set()
    for bl, trace, kind, flags, cat, note in PAIRS:
        t = test_of(bl, tests)
        blob = src.read(f"{BT}/Baseline/{bl}")
        tdata = src.read(f"{BT}/Traces/{trace}")
        why = None
        if t is None:
            why = "no btest file for the baseline"
        elif blob is None:
            why = "baseline missing"
        elif tdata is None:
            why = "trace missing (over the mirror's size limit, or Git LFS content not present)"
        elif tdata.startswith(b"version https://git-lfs"):
            why = "trace is a Git LFS pointer"
        elif trace not in (src.read(t) or b"").decode("utf-8", "replace"):
            why = f"test {t} does not read {trace}"
        elif len(tdata) > a.max_trace_mb * 1e6 or (trace.endswith(".gz") and len(gzip.decompress(tdata)) > a.max_trace_mb * 1e6):
            why = f"trace over {a.max_trace_mb} MB"
        elif trace in seen:
            why = "trace listed twice"
        if why:
            print(f"skipped {bl}: {why}", file=sys.stderr)
            problems += 1
            continue
        seen.add(trace)
        text = blob.decode("utf-8", "replace")
        fields = header_fields(text)
        if kind == "full" and "proto" not in fields:
            print(f"warning: {bl}: full baseline without proto column", file=sys.stderr)
        ntcp = tcp_rows(text)
        if not ntcp:
            print(f"warning: {bl}: no TCP rows", file=sys.stderr)
        stored = trace
        if trace.endswith(".gz"):
            tdata = gzip.decompress(tdata)
            stored = trace[:-3]
        tpath = os.path.join(out, "traces", stored)
        bpath = os.path.join(out, "baselines", stored + ".conn.log")
        for p, d in ((tpath, tdata), (bpath, blob)):
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(d)
        total += len(tdata)
        m = re.search(r"-f '([^']*)'", flags)
        rows.append([f"traces/{stored}", f"baselines/{stored}.conn.log", t, f"{BT}/Baseline/{bl}", commit[:12], kind,
                     flags, m.group(1) if m else "", cat, str(ntcp), hashlib.sha256(tdata).hexdigest()[:16], note])
    with open(os.path.join(out, "SOURCES.tsv"), "w") as f:
        f.write("\t".join(["trace", "baseline", "btest", "baseline_source", "zeek_commit", "kind", "zeek_flags", "filter",
                           "category", "tcp_rows", "trace_sha256_16", "note"]) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} pairs, {total / 1e6:.1f} MB of traces, {problems} skipped, zeek/zeek {commit[:12]} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
