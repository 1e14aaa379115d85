-- The three questions over the view `connections`, in SQL that both Spark SQL
-- (examples/spark/) and DuckDB (examples/duckdb/) run as it is: the tables
-- `tcpscope --connections --format parquet` writes (schema version 1, README
-- "Tables: Parquet and CSV"), one row per TCP connection.
--
-- Words, in terms of the columns:
--   server    the `server` column: the responder's address and port as text
--             ("10.0.0.2:443", "[fd00::2]:443"), i.e. the service. Zeek's
--             responder: usually who received the first SYN.
--   refused   outcome = 'refused': the server answered the SYN with a RST
--             before any SYN-ACK (nothing listening, or a firewall's RST).
--   reset     outcome = 'reset_by_server' or 'reset_by_client': the
--             connection was aborted by a RST its receiver accepted, counted
--             apart by who sent it (a RST that answers a SYN is `refused`).
--   hour      date_trunc('hour', start) in UTC: the hour of the
--             connection's first packet (both runners set the session's time zone to UTC).
--   bytes     TCP payload bytes: bytes_c2s (client to server) and bytes_s2c
--             (server to client), retransmitted bytes included, headers not.
--   talker    an IP address (client_ip or server_ip, text), whichever end
--             of a connection it was.
--   RTT       handshake_rtt_ms: the last SYN to the client's ACK of the
--             SYN-ACK (Wireshark's tcp.analysis.initial_rtt); null where
--             no handshake was seen, and those rows are left out.
-- Percentiles are exact and interpolated (the standard ordered-set
-- `percentile_cont(q) WITHIN GROUP (ORDER BY x)`, as numpy's 'linear'), not
-- approximate; both engines have it (Spark 3.3 and later).
--
-- Each query starts with a `-- name:` line; the runner splits on those.

-- name: refused_reset_per_server_hour
SELECT server, hour, refused, reset_by_server, reset_by_client, connections
FROM (
  SELECT server,
         date_trunc('hour', start) AS hour,
         count_if(outcome = 'refused') AS refused,
         count_if(outcome = 'reset_by_server') AS reset_by_server,
         count_if(outcome = 'reset_by_client') AS reset_by_client,
         count(*) AS connections
  FROM connections
  GROUP BY server, date_trunc('hour', start)
) per_hour
WHERE refused + reset_by_server + reset_by_client > 0
ORDER BY hour, server;

-- name: top_talkers_by_bytes
WITH ends AS (
  SELECT client_ip AS host, bytes_c2s AS sent, bytes_s2c AS received FROM connections
  UNION ALL
  SELECT server_ip AS host, bytes_s2c AS sent, bytes_c2s AS received FROM connections
)
SELECT host,
       sum(sent) + sum(received) AS bytes,
       sum(sent) AS bytes_sent,
       sum(received) AS bytes_received,
       count(*) AS connections
FROM ends
GROUP BY host
ORDER BY bytes DESC, host
LIMIT 10;

-- name: handshake_rtt_per_server
SELECT server,
       count(*) AS handshakes,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY handshake_rtt_ms) AS p50_ms,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY handshake_rtt_ms) AS p90_ms,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY handshake_rtt_ms) AS p99_ms,
       max(handshake_rtt_ms) AS max_ms
FROM connections
WHERE handshake_rtt_ms IS NOT NULL
GROUP BY server
ORDER BY p90_ms DESC, server;
