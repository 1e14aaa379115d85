//! Tokens of the pcap-filter language with their byte spans.
