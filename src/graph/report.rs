//! `--report FILE.html`: one self-contained page (no external reference:
//! styles, the sorting script and the graphs are inline) with the capture's
//! summary, the endpoints' final states, the findings, a sortable table of
//! the connections with their diagnosis, and the time-sequence graph of
//! each connection that is not clean (what `--diagnose` reports: refused,
//! reset, timed out, retransmitting, zero window…), at most
//! [`super::MAX_REPORT_GRAPHS`] of them; the page says how many it left out.

use std::fmt::Write as _;

use super::{Dir, GraphError, Kind, MAX_REPORT_GRAPHS, MAX_REPORT_ROWS};
use crate::analyze::Overview;
use crate::analyze::trace::Traced;

struct Row {
    stream: u64,
    client: String,
    server: String,
    start: String,
    duration: f64,
    packets: u64,
    bytes: u64,
    outcome: &'static str,
    retrans: u64,
    zero_s: f64,
    diagnosis: String,
    notable: bool,
    graph: bool,
}

#[derive(Default)]
pub struct Report {
    rows: Vec<Row>,
    connections: u64,
    notable: u64,
    /// (stream, heading, diagnosis, SVG)
    graphs: Vec<(u64, String, String, String)>,
}

/// Text for HTML (element content and quoted attributes).
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

impl Report {
    pub fn add(&mut self, t: &Traced) -> Result<(), GraphError> {
        self.connections += 1;
        let r = &t.record;
        let mut graph = false;
        if t.notable {
            self.notable += 1;
            if self.graphs.len() < MAX_REPORT_GRAPHS {
                let svg = super::draw(t, Kind::Tsg, Dir::Auto)?;
                let heading = format!("tcp.stream {}: {} > {}", t.stream, r.client, r.server);
                self.graphs
                    .push((t.stream, heading, r.diagnosis.clone(), svg));
                graph = true;
            }
        }
        if self.rows.len() < MAX_REPORT_ROWS {
            self.rows.push(Row {
                stream: t.stream,
                client: r.client.clone(),
                server: r.server.clone(),
                start: r.start.clone(),
                duration: r.duration_s,
                packets: r.packets_c2s + r.packets_s2c,
                bytes: r.bytes_c2s + r.bytes_s2c,
                outcome: r.outcome,
                retrans: r.retransmissions,
                zero_s: r.zero_window_s,
                diagnosis: r.diagnosis.clone(),
                notable: t.notable,
                graph,
            });
        }
        Ok(())
    }

    pub fn html(mut self, o: &Overview, input: &str) -> String {
        self.rows.sort_by_key(|r| r.stream);
        self.graphs.sort_by_key(|g| g.0);
        let mut h = String::with_capacity(1 << 16);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>tcpscope report: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <h1>TCP report: {}</h1>\n",
            esc(input),
            esc(input)
        );
        let _ = writeln!(
            h,
            "<h2>Summary</h2>\n<p id=\"summary\">{}</p>",
            esc(&o.summary)
        );
        if !o.findings.is_empty() {
            h.push_str("<ul id=\"findings\">\n");
            for f in &o.findings {
                let _ = writeln!(h, "<li>{}</li>", esc(f));
            }
            h.push_str("</ul>\n");
        }
        let _ = writeln!(
            h,
            "<h2>Endpoint states at the end</h2>\n<pre id=\"states\">{}</pre>",
            esc(&o.states)
        );
        let _ = writeln!(
            h,
            "<h2>Connections</h2>\n<p>{} connection{}, {} not clean; click a column's name to \
             sort by it. Streams are numbered as Wireshark's <code>tcp.stream</code> \
             (<code>tcpscope --graph N</code>).</p>",
            self.connections,
            if self.connections == 1 { "" } else { "s" },
            self.notable
        );
        if self.connections > self.rows.len() as u64 {
            let _ = writeln!(
                h,
                "<p class=\"bound\">The table lists the first {} connections of {} \
                 (the summary counts all).</p>",
                self.rows.len(),
                self.connections
            );
        }
        h.push_str(
            "<table id=\"connections\">\n<thead><tr><th data-type=\"n\">stream</th>\
             <th>client</th><th>server</th><th>start</th><th data-type=\"n\">duration s</th>\
             <th data-type=\"n\">packets</th><th data-type=\"n\">bytes</th><th>outcome</th>\
             <th data-type=\"n\">retransmissions</th><th data-type=\"n\">zero window s</th>\
             <th>diagnosis</th></tr></thead>\n<tbody>\n",
        );
        for r in &self.rows {
            let stream = if r.graph {
                format!("<a href=\"#stream-{0}\">{0}</a>", r.stream)
            } else {
                r.stream.to_string()
            };
            let _ = writeln!(
                h,
                "<tr{}><td>{stream}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if r.notable { " class=\"notable\"" } else { "" },
                esc(&r.client),
                esc(&r.server),
                esc(&r.start),
                r.duration,
                r.packets,
                r.bytes,
                esc(r.outcome),
                r.retrans,
                r.zero_s,
                esc(&r.diagnosis)
            );
        }
        h.push_str("</tbody>\n</table>\n");
        let _ = writeln!(
            h,
            "<h2>Graphs of the connections that are not clean</h2>\n<p>{} graph{} \
             (time-sequence graph of the direction that carried more data).</p>",
            self.graphs.len(),
            if self.graphs.len() == 1 { "" } else { "s" }
        );
        if self.notable > self.graphs.len() as u64 {
            let _ = writeln!(
                h,
                "<p class=\"bound\">{} more connections are not clean: at most {} graphs are \
                 embedded (draw one with <code>tcpscope --graph N --output FILE.svg</code>).</p>",
                self.notable - self.graphs.len() as u64,
                MAX_REPORT_GRAPHS
            );
        }
        for (stream, heading, diagnosis, svg) in &self.graphs {
            let _ = writeln!(
                h,
                "<section class=\"graph\" id=\"stream-{stream}\">\n<h3>{}</h3>\n<p>{}</p>",
                esc(heading),
                esc(diagnosis)
            );
            h.push_str(svg);
            h.push_str("</section>\n");
        }
        let _ = write!(h, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
        h
    }
}

const STYLE: &str = "body { font-family: sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; }
th { background: #eee; cursor: pointer; user-select: none; }
tr.notable td { background: #fff3f0; }
pre { background: #f6f6f6; padding: 0.5em; }
.bound { color: #a00; }
section.graph { margin: 1.5em 0; }
section.graph svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
";

/// Sorting the table by a column: numbers as numbers, text as text; a
/// second click reverses.
const SCRIPT: &str = "document.querySelectorAll('#connections th').forEach(function (th, i) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var num = th.dataset.type === 'n';
    var dir = th.dataset.dir === 'asc' ? -1 : 1;
    th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[i].textContent, y = b.cells[i].textContent;
      return dir * (num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
";
