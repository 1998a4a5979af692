// kroniek web view: plain JavaScript, hand-drawn SVG, no libraries and no network beyond this server.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
// Cooperative types in blues and greens, conflictual ones in oranges and reds; quotes in purple.
const COLORS = {
  AGREE: "#1a9850", CONSULT: "#4575b4", SUPPORT: "#66bd63", CONCEDE: "#a6d96a", COOPERATE: "#2c7fb8",
  AID: "#41b6c4", RETREAT: "#91bfdb", REQUEST: "#9e9ac8", ACCUSE: "#fdae61", REJECT: "#f4a582",
  THREATEN: "#f46d43", PROTEST: "#e6ab02", SANCTION: "#d95f02", MOBILIZE: "#b2182b", COERCE: "#d73027",
  ASSAULT: "#67001f", QUOTE: "#7d3c98", UNCODED: "#999999",
};
const FILTERS = ["actor", "type", "country", "since", "until", "q"];
const SVGNS = "http://www.w3.org/2000/svg";
const view = document.getElementById("view");
const token = new URLSearchParams(location.search).get("token");
let actorLabel = {}; // actor id -> canonical, for showing a chosen actor by name

// -- small helpers ------------------------------------------------------------------------------

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}
function s(tag, attrs = {}) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  return el;
}
function badge(type) {
  return h("span", { class: "badge", style: `background:${COLORS[type] || COLORS.UNCODED}`, text: type || "?" });
}
async function api(path, params = {}) {
  const url = new URL("api/" + path, location.href.split("#")[0].split("?")[0]);
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const res = await fetch(url, { headers });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || `${res.status} ${res.statusText}`);
  return body;
}
function showError(err) {
  const box = document.getElementById("error");
  box.hidden = !err;
  box.textContent = err ? String(err.message || err) : "";
}
function who(refs) {
  return (refs || []).map((r) => r.identifier_text || r.entity_text).join(", ");
}

// -- routing: #/view/arg?filters ------------------------------------------------------------

function route() {
  const [path, query] = (location.hash.slice(1) || "/timeline").split("?");
  const parts = path.split("/").filter(Boolean);
  return { name: parts[0] || "timeline", arg: parts[1] ? decodeURIComponent(parts[1]) : null, params: new URLSearchParams(query || "") };
}
function go(name, params, arg) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  const qs = query.toString();
  location.hash = `#/${name}${arg ? "/" + encodeURIComponent(arg) : ""}${qs ? "?" + qs : ""}`;
}
function currentFilters() {
  const p = route().params;
  const out = {};
  for (const f of FILTERS) if (p.get(f)) out[f] = p.get(f);
  return out;
}
function applyForm() {
  const out = {};
  for (const f of FILTERS) {
    const el = document.getElementById(f);
    const v = f === "actor" ? el.dataset.id || el.value.trim() : el.value.trim();
    if (v) out[f] = v;
  }
  const r = route();
  go(r.name === "article" ? "timeline" : r.name, out);
}
function syncForm(params) {
  for (const f of FILTERS) {
    const el = document.getElementById(f);
    const v = params.get(f) || "";
    if (f === "actor") {
      el.dataset.id = v;
      el.value = actorLabel[v] || v;
    } else el.value = v;
  }
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.view === route().name);
}

// -- actor search with suggestions ------------------------------------------------------------

function setupSearch() {
  const input = document.getElementById("actor");
  const list = document.getElementById("suggest");
  let timer = null;
  let seq = 0;
  input.addEventListener("input", () => {
    input.dataset.id = "";
    clearTimeout(timer);
    const name = input.value.trim();
    if (name.length < 2) { list.hidden = true; return; }
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const found = await api("actors", { name, limit: 8 });
        if (mine !== seq) return;
        list.replaceChildren(...found.items.map((a) => {
          const li = h("li", { "data-id": a.id },
            h("strong", { text: a.canonical }), a.country ? ` · ${a.country}` : "", a.sector ? ` · ${a.sector}` : "",
            h("small", { text: a.mentions.join(" · ") }));
          li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(a); });
          return li;
        }));
        if (!found.items.length) list.replaceChildren(h("li", { class: "muted", text: "no actor by that name" }));
        list.hidden = false;
      } catch (err) { showError(err); }
    }, 150);
  });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 100));
  function choose(a) {
    actorLabel[a.id] = a.canonical;
    input.value = a.canonical;
    input.dataset.id = a.id;
    list.hidden = true;
    applyForm();
  }
}

// -- timeline: stacked counts per period and type, and the records below ----------------------

function periodRange(p) {
  // A period string (YYYY, YYYY-MM, YYYY-MM-DD) as [start, end) in days since 1970.
  const [y, m, d] = p.split("-").map(Number);
  const day = (Y, M, D) => Date.UTC(Y, M - 1, D) / 864e5;
  if (d) return [day(y, m, d), day(y, m, d) + 1];
  if (m) return [day(y, m, 1), day(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1)];
  return [day(y, 1, 1), day(y + 1, 1, 1)];
}
function fmtDay(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }

function drawTimeline(data) {
  const W = 1100, H = 240, L = 40, R = 10, T = 10, B = 28;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "timeline", role: "img" });
  const byPeriod = new Map();
  for (const c of data.counts) {
    if (!byPeriod.has(c.period)) byPeriod.set(c.period, []);
    byPeriod.get(c.period).push(c);
  }
  if (!byPeriod.size) { svg.append(Object.assign(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }), { textContent: "no dated records" })); return svg; }
  const ranges = [...byPeriod.keys()].map(periodRange);
  let x0 = Math.min(...ranges.map((r) => r[0])), x1 = Math.max(...ranges.map((r) => r[1]));
  const pad = Math.max(1, (x1 - x0) * 0.02); x0 -= pad; x1 += pad;
  // Coarse periods (a month on a daily timeline) spread their count over their days, drawn lighter.
  const unit = { day: 1, month: 30.4, year: 365.25 }[data.bucket] || 1;
  const heights = [...byPeriod.entries()].map(([p, cs]) => {
    const [a, b] = periodRange(p);
    const spread = Math.max(1, (b - a) / unit);
    return cs.reduce((t, c) => t + c.count, 0) / spread;
  });
  const ymax = Math.max(1, ...heights);
  const X = (d) => L + ((d - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v) => H - B - (v / ymax) * (H - T - B);
  const axis = s("g", { class: "axis" });
  for (let i = 0; i <= 4; i++) {
    const v = (ymax * i) / 4, y = Y(v);
    axis.append(s("line", { x1: L, x2: W - R, y1: y, y2: y, class: "grid" }));
    const t = s("text", { x: L - 4, y: y + 4, "text-anchor": "end" }); t.textContent = Math.round(v * 10) / 10; axis.append(t);
  }
  for (let i = 0; i <= 6; i++) {
    const d = x0 + ((x1 - x0) * i) / 6;
    const t = s("text", { x: X(d), y: H - 8, "text-anchor": "middle" });
    t.textContent = fmtDay(d).slice(0, data.bucket === "year" ? 4 : data.bucket === "month" ? 7 : 10);
    axis.append(t);
  }
  svg.append(axis);
  const order = [...TYPES, "UNCODED", "QUOTE"];
  for (const [p, cs] of byPeriod) {
    const [a, b] = periodRange(p);
    const spread = Math.max(1, (b - a) / unit);
    const coarse = spread > 1.5;
    let acc = 0;
    cs.sort((u, v) => order.indexOf(u.type) - order.indexOf(v.type));
    for (const c of cs) {
      const v = c.count / spread;
      const xa = X(a), w = Math.max(2, X(b) - xa - (coarse ? 0 : 0.5));
      const rect = s("rect", { x: xa, y: Y(acc + v), width: w, height: Math.max(0.5, Y(acc) - Y(acc + v)),
        fill: COLORS[c.type] || COLORS.UNCODED, "fill-opacity": coarse ? 0.45 : 0.95, class: "bar", "data-type": c.type });
      const title = s("title"); title.textContent = `${p} · ${c.type}: ${c.count}${coarse ? " (dated to the " + (p.length === 4 ? "year" : "month") + ")" : ""}`;
      rect.append(title);
      svg.append(rect);
      acc += v;
    }
  }
  return svg;
}

function eventItem(e) {
  const k = e.kroniek || {};
  const place = e.event_loc ? e.event_loc.resolved_place || e.event_loc.extracted_place : "";
  const link = h("a", { href: `#/article/${e.text_info.text_story}?event=${e.id}`, class: "open-event", text: "show in article" });
  return h("li", { class: "event", "data-id": e.id },
    h("div", { class: "meta" }, badge(e.event), " ", e.date || "undated", k.date_precision && k.date_precision !== "day" ? ` (${k.date_precision})` : "",
      e.mode ? ` · ${e.mode}` : "", k.modality && k.modality !== "asserted" ? ` · ${k.modality}` : "",
      place ? ` · ${place}` : "", " · ", link),
    h("div", { class: "text" }, h("strong", { text: who(e.actor) || "?" }), " → ", h("strong", { text: who(e.recipient) || "–" }),
      h("span", { class: "muted", text: ` “${e.event_text}”` })),
    h("div", { class: "meta", text: k.sentence_text }));
}
function quoteItem(q) {
  const sp = q.speaker ? q.speaker.identifier_text || q.speaker.entity_text : "unknown speaker";
  return h("li", { class: "quote", "data-id": q.id },
    h("div", { class: "meta" }, badge("QUOTE"), " ", q.date || "undated", ` · ${q.kind} · `,
      h("a", { href: `#/article/${q.doc_id}?quote=${q.id}`, text: "show in article" })),
    h("div", { class: "text" }, h("strong", { text: sp }), ": ", h("q", { text: q.text })));
}

function pagedList(kind, filters, render) {
  const list = h("ul", { class: "records", id: kind + "-list" });
  const more = h("button", { class: "more", type: "button", text: "More" });
  const count = h("span", { class: "muted" });
  let offset = 0;
  async function load() {
    const params = { ...filters, limit: 50, offset };
    if (kind === "quotes") { params.speaker = params.actor; delete params.actor; delete params.type; }
    const page = await api(kind, params);
    list.append(...page.items.map(render));
    offset += page.items.length;
    count.textContent = ` ${page.total} ${kind}`;
    more.hidden = offset >= page.total;
    if (!page.total) list.append(h("li", { class: "empty", text: `No ${kind} match.` }));
  }
  more.addEventListener("click", () => load().catch(showError));
  return { el: h("div", {}, h("h2", {}, kind === "events" ? "Events" : "Quotes", count), list, more), load };
}

async function showTimeline(params) {
  const f = currentFilters();
  if (f.actor && !actorLabel[f.actor]) {
    // An actor id in the address (a shared link): show its name.
    try { actorLabel[f.actor] = (await api("actors/" + encodeURIComponent(f.actor))).canonical; syncForm(params); } catch (err) { /* a name, not an id */ }
  }
  const subject = f.actor ? actorLabel[f.actor] || f.actor : f.country ? `country ${f.country.toUpperCase()}` : "the whole store";
  const data = await api("timeline", f);
  const legendTypes = [...new Set(data.counts.map((c) => c.type))];
  const legend = h("div", { class: "legend" }, ...legendTypes.map((t) => h("span", { style: `--c:${COLORS[t] || COLORS.UNCODED}`, text: t })));
  const events = pagedList("events", f, eventItem);
  const parts = [h("h1", { text: `Timeline of ${subject}` }),
    h("div", { class: "card" }, h("div", { class: "muted", text: `records per ${data.bucket}${data.undated_events ? ` · ${data.undated_events} undated events not drawn` : ""}` }),
      drawTimeline(data), legend),
    h("div", { class: "card" }, events.el)];
  let quotes = null;
  if (!f.type) { quotes = pagedList("quotes", f, quoteItem); parts.push(h("div", { class: "card" }, quotes.el)); }
  view.replaceChildren(...parts);
  await Promise.all([events.load(), quotes && quotes.load()]);
}

// -- network: a small force-directed layout --------------------------------------------------

function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  nodes.forEach((d, i) => { const a = (2 * Math.PI * i) / n; d.x = W / 2 + (W / 3) * Math.cos(a); d.y = H / 2 + (H / 3) * Math.sin(a); });
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
  for (let it = 0, t = W / 8; it < 300; it++, t *= 0.985) {
    const disp = nodes.map(() => [0, 0]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y, d = Math.max(1, Math.hypot(dx, dy));
      const f = (k * k) / d;
      disp[i][0] += (dx / d) * f; disp[i][1] += (dy / d) * f; disp[j][0] -= (dx / d) * f; disp[j][1] -= (dy / d) * f;
    }
    for (const e of edges) {
      const i = idx.get(e.source), j = idx.get(e.target);
      const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y, d = Math.max(1, Math.hypot(dx, dy));
      const f = (d * d) / k;
      disp[i][0] -= (dx / d) * f; disp[i][1] -= (dy / d) * f; disp[j][0] += (dx / d) * f; disp[j][1] += (dy / d) * f;
    }
    nodes.forEach((d, i) => {
      const [dx, dy] = disp[i], len = Math.max(1e-6, Math.hypot(dx, dy));
      d.x += (dx / len) * Math.min(len, t) + (W / 2 - d.x) * 0.01; d.y += (dy / len) * Math.min(len, t) + (H / 2 - d.y) * 0.01;
      d.x = Math.min(W - 60, Math.max(60, d.x)); d.y = Math.min(H - 20, Math.max(20, d.y));
    });
  }
}

async function showNetwork() {
  const f = currentFilters();
  const data = await api("network", { ...f, max_edges: 120 });
  const W = 1100, H = 620;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "network", role: "img" });
  const defs = s("defs");
  const marker = s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.append(s("path", { d: "M0,0L10,5L0,10z", fill: "#8894a0" }));
  defs.append(marker); svg.append(defs);
  const card = h("div", { class: "card" });
  if (!data.edges.length) {
    card.append(h("div", { class: "empty", text: "No actor acts on another known actor with these filters." }));
  } else {
    layout(data.nodes, data.edges, W, H);
    const byId = new Map(data.nodes.map((d) => [d.id, d]));
    const wmax = Math.max(...data.edges.map((e) => e.weight));
    const radius = (d) => 5 + 10 * Math.sqrt(d.weight / Math.max(...data.nodes.map((x) => x.weight)));
    for (const e of data.edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy)), rb = radius(b) + 2;
      const line = s("line", { x1: a.x, y1: a.y, x2: b.x - (dx / d) * rb, y2: b.y - (dy / d) * rb, class: "edge",
        "stroke-width": 1 + 5 * Math.sqrt(e.weight / wmax), "marker-end": "url(#arrow)" });
      const t = s("title"); t.textContent = `${a.canonical} → ${b.canonical}: ${e.weight} event${e.weight > 1 ? "s" : ""}`;
      line.append(t); svg.append(line);
    }
    for (const d of data.nodes) {
      const g = s("g", { class: "node", transform: `translate(${d.x},${d.y})`, "data-id": d.id });
      const c = s("circle", { r: radius(d), fill: d.id === f.actor ? "#e0b400" : "#1f5f9e" });
      const t = s("title"); t.textContent = `${d.canonical}${d.country ? " (" + d.country + ")" : ""}: ${d.weight}`; c.append(t);
      const label = s("text", { x: radius(d) + 3, y: 4 }); label.textContent = d.canonical;
      g.append(c, label);
      g.addEventListener("click", () => { actorLabel[d.id] = d.canonical; go("timeline", { ...f, actor: d.id }); });
      svg.append(g);
    }
    card.append(svg);
  }
  view.replaceChildren(h("h1", { text: "Who acts on whom" }),
    h("p", { class: "muted", text: "Arrows go from actor to recipient; their width is the number of events. Click an actor for its timeline. Filter by type and period above." }),
    card);
}

// -- map: an equirectangular plot of event places ---------------------------------------------

async function showMap() {
  const f = currentFilters();
  const data = await api("places", f);
  const W = 1100, H = 560;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "map", role: "img" });
  const pts = data.items;
  // Fit the view to the points (with a margin), keeping degrees square.
  let lon0 = -180, lon1 = 180, lat0 = -80, lat1 = 85;
  if (pts.length) {
    lon0 = Math.min(...pts.map((p) => p.lon)) - 8; lon1 = Math.max(...pts.map((p) => p.lon)) + 8;
    lat0 = Math.min(...pts.map((p) => p.lat)) - 6; lat1 = Math.max(...pts.map((p) => p.lat)) + 6;
    const scale = Math.max((lon1 - lon0) / W, (lat1 - lat0) / H);
    const cx = (lon0 + lon1) / 2, cy = (lat0 + lat1) / 2;
    lon0 = cx - (scale * W) / 2; lon1 = cx + (scale * W) / 2; lat0 = cy - (scale * H) / 2; lat1 = cy + (scale * H) / 2;
  }
  const X = (lon) => ((lon - lon0) / (lon1 - lon0)) * W;
  const Y = (lat) => H - ((lat - lat0) / (lat1 - lat0)) * H;
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, fill: "#eef4f8" }));
  const step = lon1 - lon0 > 120 ? 30 : lon1 - lon0 > 40 ? 10 : 5;
  for (let lon = Math.ceil(lon0 / step) * step; lon <= lon1; lon += step) {
    svg.append(s("line", { x1: X(lon), x2: X(lon), y1: 0, y2: H, class: "grid" }));
    const t = s("text", { x: X(lon) + 2, y: H - 4, fill: "#889" }); t.textContent = `${lon}°`; svg.append(t);
  }
  for (let lat = Math.ceil(lat0 / step) * step; lat <= lat1; lat += step) {
    svg.append(s("line", { x1: 0, x2: W, y1: Y(lat), y2: Y(lat), class: "grid" }));
    const t = s("text", { x: 2, y: Y(lat) - 2 }); t.textContent = `${lat}°`; svg.append(t);
  }
  const max = Math.max(1, ...pts.map((p) => p.events));
  for (const p of [...pts].sort((a, b) => b.events - a.events)) {
    const g = s("g", { class: "place", transform: `translate(${X(p.lon)},${Y(p.lat)})` });
    const c = s("circle", { r: 4 + 16 * Math.sqrt(p.events / max) });
    const t = s("title"); t.textContent = `${p.name} (${p.country || "?"}): ${p.events} events, ${p.first || "?"} – ${p.last || "?"}`; c.append(t);
    const label = s("text", { x: 6 + 16 * Math.sqrt(p.events / max), y: 4 }); label.textContent = `${p.name} ${p.events}`;
    g.append(c, label);
    g.addEventListener("click", () => go("timeline", { ...f, q: p.name }));
    svg.append(g);
  }
  view.replaceChildren(h("h1", { text: "Where events happened" }),
    h("p", { class: "muted", text: `${pts.length} places with coordinates; circle area follows the number of events. Click a place to list its events.` }),
    h("div", { class: "card" }, svg));
}

// -- articles -------------------------------------------------------------------------------

async function showArticles() {
  const f = currentFilters();
  const page = await api("articles", { q: f.q, limit: 200 });
  const rows = page.items.map((a) => h("tr", {},
    h("td", {}, a.published || ""), h("td", {}, h("a", { href: `#/article/${a.id}`, class: "article-link", text: a.title || a.source })),
    h("td", { class: "muted", text: a.publication || a.source }), h("td", { text: `${a.events} events, ${a.quotes} quotes` })));
  view.replaceChildren(h("h1", { text: `Articles (${page.total})` }),
    h("div", { class: "card" }, h("table", { class: "list" }, h("tbody", {}, rows))));
}

function renderMarkedText(text, sentences, marks) {
  // Cut the text at every mark and sentence boundary; each piece knows which marks cover it.
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  for (const se of sentences) { cuts.add(se.start); cuts.add(se.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const container = h("div", { class: "doc", id: "article-text" });
  let si = 0, holder = container;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    while (si < sentences.length && sentences[si].end <= a) si++;
    const se = sentences[si];
    if (se && a >= se.start && a < se.end) {
      if (!holder.dataset || holder.dataset.index !== String(se.index)) {
        holder = h("span", { class: "sent", id: `s-${se.index}`, "data-index": se.index });
        container.append(holder);
      }
    } else holder = container;
    const covering = [];
    marks.forEach((m, j) => { if (m.start <= a && m.end >= b) covering.push(j); });
    const piece = text.slice(a, b);
    if (!covering.length) { holder.append(piece); continue; }
    const kinds = new Set(covering.map((j) => marks[j].kind));
    const seg = h("span", { class: "seg " + [...kinds].map((k) => "k-" + k).join(" "), "data-marks": covering.join(" "),
      title: covering.map((j) => `${marks[j].kind}: ${marks[j].label || ""}`).join("\n") }, piece);
    holder.append(seg);
  }
  return container;
}

async function showArticle(id, params) {
  const data = await api("articles/" + encodeURIComponent(id));
  const art = data.article;
  const textEl = renderMarkedText(art.text, data.sentences, data.marks);
  const evList = h("ul", { class: "records" }, ...data.events.map((e) => {
    const place = e.event_loc ? e.event_loc.resolved_place || e.event_loc.extracted_place : "";
    return h("li", { id: `rec-${e.id}`, class: "event", "data-id": e.id },
      h("div", { class: "meta" }, badge(e.event), " ", e.date || "undated", place ? ` · ${place}` : "", " · ",
        h("a", { href: `#/article/${art.id}?event=${e.id}`, class: "sentlink", text: `sentence ${e.kroniek.sentence + 1}` }), " · ",
        h("a", { href: `api/events/${e.id}`, target: "_blank", class: "sentlink", text: "JSON" })),
      h("div", { class: "text" }, h("strong", { text: who(e.actor) || "?" }), " → ", h("strong", { text: who(e.recipient) || "–" }),
        h("span", { class: "muted", text: ` “${e.event_text}”` })));
  }));
  const qList = h("ul", { class: "records" }, ...data.quotes.map((q) => h("li", { id: `rec-${q.id}`, class: "quote", "data-id": q.id },
    h("div", { class: "meta" }, badge("QUOTE"), ` ${q.kind} · `,
      h("a", { href: `#/article/${art.id}?quote=${q.id}`, class: "sentlink", text: `sentence ${q.sentence + 1}` }), " · ",
      h("a", { href: `api/quotes/${q.id}`, target: "_blank", class: "sentlink", text: "JSON" })),
    h("div", { class: "text" }, h("strong", { text: q.speaker ? q.speaker.identifier_text || q.speaker.entity_text : "?" }), ": ", h("q", { text: q.text })))));
  const legend = h("div", { class: "marks-legend" }, ...["event", "quote", "mention", "place", "date"].map((k) => h("span", { class: "k-" + k, text: k })));
  view.replaceChildren(
    h("h1", { text: art.title || art.source }),
    h("div", { class: "muted" }, `${art.published || "undated"} · ${art.publication || art.source} · ${art.id}`, art.url ? " · " : "", art.url ? h("a", { href: art.url, text: "source" }) : ""),
    legend,
    h("div", { class: "article" }, textEl,
      h("aside", { class: "card" }, h("h2", { text: `Events (${data.events.length})` }), evList, h("h2", { text: `Quotes (${data.quotes.length})` }), qList)));
  // A click on marked words selects the records they belong to.
  textEl.addEventListener("click", (ev) => {
    const seg = ev.target.closest(".seg");
    if (!seg) return;
    const recs = seg.dataset.marks.split(" ").map((j) => data.marks[+j]);
    const rec = recs.find((m) => m.kind === "event" || m.kind === "quote") || recs.find((m) => m.record && document.getElementById("rec-" + m.record));
    if (rec && document.getElementById("rec-" + rec.record)) {
      const key = rec.kind === "quote" ? "quote" : "event";
      history.replaceState(null, "", `#/article/${art.id}?${key}=${rec.record}`);
      focusRecord(data, rec.record);
    } else if (rec && rec.actor) {
      go("timeline", { actor: rec.actor });
    }
  });
  const target = params.get("event") || params.get("quote");
  if (target) focusRecord(data, target);
  else if (params.get("sentence")) focusSentence(+params.get("sentence"));
}

function focusSentence(index) {
  for (const el of document.querySelectorAll(".sent.focus")) el.classList.remove("focus");
  const sent = document.getElementById(`s-${index}`);
  if (sent) { sent.classList.add("focus"); sent.scrollIntoView({ block: "center" }); }
  return sent;
}
function focusRecord(data, id) {
  for (const el of document.querySelectorAll(".seg.current, .records li.selected")) el.classList.remove("current", "selected");
  const ev = data.events.find((e) => e.id === id);
  const qu = data.quotes.find((q) => q.id === id);
  const sentence = ev ? ev.kroniek.sentence : qu ? qu.sentence : null;
  if (sentence === null) { showError(`no record ${id} in this article`); return; }
  focusSentence(sentence);
  const own = new Set(data.marks.map((m, j) => (m.record === id && (m.kind === "event" || m.kind === "quote") ? String(j) : null)).filter(Boolean));
  for (const seg of document.querySelectorAll(".seg")) if (seg.dataset.marks.split(" ").some((j) => own.has(j))) seg.classList.add("current");
  const li = document.getElementById("rec-" + id);
  if (li) { li.classList.add("selected"); li.scrollIntoView({ block: "nearest" }); }
}

// -- start ------------------------------------------------------------------------------------

async function render() {
  const r = route();
  syncForm(r.params);
  showError(null);
  if (r.name !== "article") window.scrollTo(0, 0);
  view.setAttribute("aria-busy", "true");
  try {
    if (r.name === "network") await showNetwork();
    else if (r.name === "map") await showMap();
    else if (r.name === "articles") await showArticles();
    else if (r.name === "article" && r.arg) await showArticle(r.arg, r.params);
    else await showTimeline(r.params);
  } catch (err) {
    showError(err);
  } finally {
    view.setAttribute("aria-busy", "false");
  }
}

function start() {
  const select = document.getElementById("type");
  for (const t of TYPES) select.append(h("option", { value: t, text: t.charAt(0) + t.slice(1).toLowerCase() }));
  select.addEventListener("change", applyForm);
  document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyForm(); });
  document.getElementById("clear").addEventListener("click", () => go(route().name === "article" ? "timeline" : route().name, {}));
  setupSearch();
  window.addEventListener("hashchange", render);
  render();
}
start();
