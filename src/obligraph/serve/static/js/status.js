// "A state on a date": the JSON of `obligraph status --json`, as sortable tables, and the
// state's timeline.

import { ApiError, getJSON, path, query } from "./api.js";
import { clear, confidence, dataTable, el, heading, list, message, named, sourceList } from "./dom.js";
import { conflictsSection } from "./conflicts.js";
import { timelineSection } from "./ask.js";

export function setupStatus(onAsk) {
  document.getElementById("status-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const state = document.getElementById("status-state").value.trim();
    const on = document.getElementById("status-on").value;
    onAsk(state, on);
  });
}

export function statusURL(state, on) {
  return "/" + query({ view: "status", state, on });
}

export async function showStatus(state, on) {
  document.getElementById("status-state").value = state;
  document.getElementById("status-on").value = on || "";
  const box = document.getElementById("status-message");
  const out = document.getElementById("status-answer");
  clear(out);
  if (!state) {
    message(box, "Give a state.", "error");
    return null;
  }
  message(box, "Looking it up…", "info");
  out.setAttribute("aria-busy", "true");
  try {
    const s = await getJSON(path("status", state) + query({ on }));
    message(box, "");
    out.append(render(s));
    out.append(await conflictsSection(s.state));
    out.append(timelineSection(s.state, on));
    return s;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    message(box, err.message, "error");
    return null;
  } finally {
    out.removeAttribute("aria-busy");
  }
}

function render(s) {
  const article = el("article", { class: "result", "aria-labelledby": "status-title" });
  article.append(heading(3, `${named(s.state)} on ${s.on}`, { id: "status-title" }));
  article.append(el("p", { class: "share" }, "Link to this lookup: ",
    el("a", { href: statusURL(s.state.id, s.on), text: location.origin + statusURL(s.state.id, s.on) })));
  article.append(dataTable({
    caption: "Memberships", csvName: `memberships-${s.state.id}-${s.on}`, rows: s.memberships,
    empty: "Memberships: none on that date.",
    columns: [
      { key: "org", label: "Organisation", header: true, value: (m) => named(m) },
      { key: "status", label: "Status" },
      { key: "since", label: "Since", value: (m) => m.since || (m.since_year ? `${m.since_year} (year only)` : "") },
      { key: "until", label: "Until", value: (m) => m.until || "" },
      { key: "sources", label: "Sources", value: (m) => m.sources, render: (m) => sourceList(m.sources) },
    ],
  }));
  article.append(dataTable({
    caption: "Treaties in force", csvName: `treaties-${s.state.id}-${s.on}`, rows: s.treaties_in_force,
    empty: "Treaties in force: none on that date.",
    columns: [
      { key: "treaty", label: "Treaty", header: true, value: (t) => named(t) },
      { key: "since", label: "In force since", value: (t) => t.since || "" },
      { key: "until", label: "Until", value: (t) => t.until || "" },
      { key: "confidence", label: "Confidence", value: (t) => t.confidence || "", render: (t) => confidence(t.confidence) },
      { key: "sources", label: "Sources", value: (t) => t.sources, render: (t) => sourceList(t.sources) },
    ],
  }));
  article.append(dataTable({
    caption: "Bodies with powers over the state", csvName: `bodies-${s.state.id}-${s.on}`, rows: s.bodies,
    empty: "Bodies with powers: none on that date.",
    columns: [
      { key: "body", label: "Body", header: true, value: (b) => named(b) },
      { key: "powers", label: "Powers", value: (b) => b.powers },
      { key: "basis", label: "Basis", value: (b) => b.basis },
      { key: "since", label: "Since", value: (b) => b.since || "" },
      { key: "limitation", label: "Limitation", value: (b) => b.limitation || "" },
      { key: "sources", label: "Sources", value: (b) => b.sources, render: (b) => sourceList(b.sources) },
    ],
  }));
  if (s.residual_jurisdiction.length) {
    article.append(dataTable({
      caption: "Bodies keeping powers for earlier acts", csvName: `residual-${s.state.id}-${s.on}`,
      rows: s.residual_jurisdiction,
      columns: [
        { key: "body", label: "Body", header: true, value: (b) => named(b) },
        { key: "powers", label: "Powers", value: (b) => b.powers },
        { key: "acts_before", label: "For acts before" },
        { key: "clause", label: "Clause" },
      ],
    }));
  }
  if (s.attempted_withdrawals.length) {
    article.append(el("section", {}, heading(4, "Withdrawals that took no effect"),
      list(s.attempted_withdrawals, (w) => [`${named(w)}: notified ${w.notified || "on an unknown date"}. ${w.depositary_position || ""} `, sourceList(w.sources)])));
  }
  if (s.undated_participation.length) {
    article.append(el("section", {}, heading(4, "Participation without a recorded date"),
      list(s.undated_participation, (u) => `${named(u)}: ${u.note || ""}`)));
  }
  if (s.reservations.length) {
    article.append(dataTable({
      caption: "Reservations and declarations in effect", csvName: `reservations-${s.state.id}-${s.on}`,
      rows: s.reservations,
      columns: [
        { key: "treaty", label: "Treaty", header: true },
        { key: "kind", label: "Kind" },
        { key: "articles", label: "Articles", value: (r) => r.articles || "" },
        { key: "made", label: "Made", value: (r) => r.made || "" },
        { key: "text", label: "Text", render: (r) => el("span", { class: "long", text: r.text || "" }) },
        { key: "sources", label: "Sources", value: (r) => r.sources, render: (r) => sourceList(r.sources) },
      ],
    }));
  }
  if (s.systems_not_covered.length) {
    article.append(el("p", { class: "muted" },
      `Not covered: the graph holds no fact about ${s.state.label} in ${s.systems_not_covered.map((x) => x.label).join(", ")}.`));
  }
  return article;
}
