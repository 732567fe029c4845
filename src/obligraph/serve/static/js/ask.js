// "What follows from an event": the form, the answer (the JSON of `obligraph impact --json`),
// the interactive impact diagram and the state's timeline.

import { ApiError, getJSON, path, query } from "./api.js";
import {
  clear, confidence, dataTable, el, heading, list, message, named, sourceList,
} from "./dom.js";
import { conflictsSection } from "./conflicts.js";

const TARGET_LISTS = { treaty: "list-treaties", organisation: "list-organisations", article: "list-articles" };
const TARGET_HINTS = {
  treaty: "e.g. ECPT, ETS-126, Rome Statute",
  organisation: "e.g. CoE, Council of Europe, OAS",
  article: "e.g. CAT 22, ICCPR 41, CAT 28",
};
const STATUS_WORDS = {
  "not-permitted": "not permitted by the law",
  "date-unknown": "date unknown",
  pending: "pending",
  effective: "effective",
};

function article(word) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

export function eventLabel(kind) {
  return `${kind.verb} ${article(kind.target)} ${kind.target}`;
}

export function setupAsk(names, onAnswer) {
  const form = document.getElementById("ask-form");
  const select = document.getElementById("ask-event");
  for (const kind of names.events) {
    select.append(el("option", { value: kind.name, text: eventLabel(kind) }));
  }
  const adapt = () => {
    const kind = names.events.find((k) => k.name === select.value);
    document.getElementById("ask-target-label").textContent = kind.target[0].toUpperCase() + kind.target.slice(1);
    document.getElementById("ask-target").setAttribute("list", TARGET_LISTS[kind.target]);
    document.getElementById("ask-target-hint").textContent = TARGET_HINTS[kind.target];
    document.getElementById("ask-date-label").textContent = kind.date === "notified" ? "Notified on" : `${kind.dated_as} on`;
    document.getElementById("ask-date-hint").textContent = kind.name === "withdraw"
      ? "Leave empty to use the notification the graph records, if any."
      : "Required: the day of the event.";
  };
  select.addEventListener("change", adapt);
  adapt();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = readForm(names);
    history.pushState(null, "", shareURL(question));
    ask(names, question).then(onAnswer);
  });
}

function readForm(names) {
  const kind = names.events.find((k) => k.name === document.getElementById("ask-event").value);
  return {
    state: document.getElementById("ask-state").value.trim(),
    event: kind.name,
    target: document.getElementById("ask-target").value.trim(),
    date: document.getElementById("ask-date").value,
    asOf: document.getElementById("ask-as-of").value,
  };
}

// The question as the page's own address: /?state=RUS&event=withdraw&target=ETS-126&notified=2025-10-03
export function shareURL(q, names) {
  const kind = (names || window.obligraphNames).events.find((k) => k.name === q.event);
  return "/" + query({
    state: q.state, event: q.event, target: q.target, [kind.date]: q.date, "as-of": q.asOf,
  });
}

// The event a shared address names: its name (withdraw, expel, ...) or the command line's option
// for it (expel-from, withdraw-declaration); null, with a message, for any other word.
export function fillAsk(names, params) {
  const asked = params.get("event");
  const kind = asked === null
    ? names.events[0]
    : names.events.find((k) => k.name === asked || k.option === asked);
  if (!kind) {
    const known = names.events.map((k) => k.name).join(", ");
    message(document.getElementById("ask-message"), `Unknown event '${asked}': use one of ${known}.`, "error");
    return null;
  }
  document.getElementById("ask-event").value = kind.name;
  document.getElementById("ask-event").dispatchEvent(new Event("change"));
  document.getElementById("ask-state").value = params.get("state") || "";
  document.getElementById("ask-target").value = params.get("target") || "";
  document.getElementById("ask-date").value = params.get(kind.date) || "";
  document.getElementById("ask-as-of").value = params.get("as-of") || "";
  return {
    state: params.get("state") || "", event: kind.name, target: params.get("target") || "",
    date: params.get(kind.date) || "", asOf: params.get("as-of") || "",
  };
}

export async function ask(names, q) {
  const box = document.getElementById("ask-message");
  const out = document.getElementById("ask-answer");
  clear(out);
  const kind = names.events.find((k) => k.name === q.event);
  if (!q.state || !q.target) {
    message(box, `Give a state and ${article(kind.target)} ${kind.target}.`, "error");
    return null;
  }
  message(box, "Working out what follows…", "info");
  out.setAttribute("aria-busy", "true");
  const params = { [kind.option]: q.target, [kind.date]: q.date, "as-of": q.asOf };
  try {
    const answer = await getJSON(path("impact", q.state) + query(params));
    message(box, "");
    out.append(renderImpact(answer, kind, q, names));
    out.append(await conflictsSection(answer.state));
    const diagramURL = path("impact", q.state, "diagram") + query(params);
    out.append(diagramSection(diagramURL, answer));
    out.append(timelineSection(answer.state, q.asOf));
    return answer;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    message(box, err.message, "error");
    return null;
  } finally {
    out.removeAttribute("aria-busy");
  }
}

function bodyColumns(dateLabel) {
  return [
    { key: "body", label: "Body", header: true, value: (b) => named(b) },
    { key: "powers", label: "Powers", value: (b) => b.powers },
    { key: "basis", label: "Basis", value: (b) => b.basis },
    { key: "from", label: dateLabel, value: (b) => b.from || "" },
    { key: "limitation", label: "Limitation", value: (b) => b.limitation || "" },
    { key: "survives", label: "Survives", value: (b) => b.survives || [] },
    { key: "sources", label: "Sources", value: (b) => b.sources || [], render: (b) => sourceList(b.sources || []) },
  ];
}

function obligationColumns(remaining) {
  return [
    { key: "obligation", label: "Obligation", header: true, value: (o) => o.label },
    { key: "ending", label: "Ends with", value: (o) => o.ending_bases },
    ...(remaining ? [{ key: "remaining", label: "Still binding through", value: (o) => o.remaining_bases }] : []),
    { key: "sources", label: "Sources", value: (o) => o.sources, render: (o) => sourceList(o.sources) },
  ];
}

function renderImpact(a, kind, q, names) {
  const article = el("article", { class: "result", "aria-labelledby": "answer-title" });
  article.append(heading(3, `${named(a.state)}: ${a.action}, ${named(a.target)}`, { id: "answer-title" }));
  article.append(el("p", { class: "summary", id: "answer-summary", text: a.summary }));
  const share = shareURL(q, names);
  article.append(el("p", { class: "share" }, "Link to this question: ",
    el("a", { href: share, id: "answer-link", text: location.origin + share })));

  const facts = el("dl", { class: "facts" });
  const status = a.legal_status;
  if (status) {
    facts.append(el("dt", { text: "Legal status" }), el("dd", { id: "answer-status" },
      el("span", { class: `status status-${status.status}`, text: STATUS_WORDS[status.status] || status.status }),
      ` as of ${status.as_of}: ${status.reason}`));
  }
  const given = { argument: "as given", graph: "recorded in the graph", unknown: "no source gives it" };
  facts.append(el("dt", { text: kind.dated_as }),
    el("dd", { text: `${a.notified || "unknown"} (${given[a.notified_from] || a.notified_from})` }));
  facts.append(el("dt", { text: "Effective" }), el("dd", { id: "answer-effective", text: a.effective || "no date: see the legal status" }));
  const rule = a.effective_rule;
  if (rule) {
    const detail = [rule.period, rule.alignment].filter(Boolean).join(", ");
    facts.append(el("dt", { text: "Rule" }), el("dd", {},
      el("strong", { text: rule.article }), `: ${rule.rule}`, detail ? ` (${detail})` : "",
      rule.condition ? ` Condition not evaluated: ${rule.condition}.` : "",
      el("br"), "confidence ", confidence(rule.confidence), "; sources: ", sourceList(rule.sources)));
  }
  article.append(facts);
  if (a.warnings.length) {
    article.append(el("div", { class: "warnings" }, heading(4, "Warnings"), list(a.warnings, (w) => w)));
  }
  if (status && status.citations.length) {
    const cited = el("section", { class: "citations" }, heading(4, "The law that decides it"));
    for (const c of status.citations) {
      cited.append(el("figure", {}, el("blockquote", { text: c.words }),
        el("figcaption", {}, el("strong", { text: c.article }), " — ", sourceList(c.sources))));
    }
    article.append(cited);
  }
  article.append(dataTable({
    caption: "Bodies losing powers", columns: bodyColumns("From"), rows: a.bodies_losing_access,
    csvName: "bodies-losing", empty: "Bodies losing powers: none.",
  }));
  if (a.bodies_gaining_access.length) {
    article.append(dataTable({
      caption: "Bodies gaining powers", columns: bodyColumns("From"), rows: a.bodies_gaining_access, csvName: "bodies-gaining",
    }));
  }
  article.append(dataTable({
    caption: "Bodies keeping powers (other bases)", columns: bodyColumns("Since"), rows: a.bodies_retaining_access,
    csvName: "bodies-keeping", empty: "Bodies keeping powers: none.",
  }));
  article.append(dataTable({
    caption: "Obligations ceasing", columns: obligationColumns(false), rows: a.obligations_ceasing,
    csvName: "obligations-ceasing", empty: "Obligations ceasing: none.",
  }));
  article.append(dataTable({
    caption: "Obligations remaining", columns: obligationColumns(true), rows: a.obligations_remaining,
    csvName: "obligations-remaining", empty: "Obligations remaining: none.",
  }));
  if (a.gaps.length) article.append(el("section", { class: "gaps" }, heading(4, "Gaps"), list(a.gaps, (g) => g)));
  if (a.cascade.length) {
    article.append(el("section", {}, heading(4, "Cascade"), list(a.cascade, (c) => [
      el("strong", { text: c.date || "undated" }), ` ${c.text}`, c.rule ? ` (rule: ${c.rule})` : "",
    ], true)));
  }
  article.append(el("section", {}, heading(4, "Why"), list(a.explanation, (step) => [
    step.text, " ", el("span", { class: "step-sources" }, "Sources: ", sourceList(step.sources)),
  ], true)));
  return article;
}

function diagramSection(url, a) {
  return el("section", { class: "diagram" }, heading(4, "The impact diagram"),
    el("p", { class: "help" }, "Drag to pan, scroll to zoom, click a body or a link to see its facts and sources. ",
      el("a", { href: url, target: "_blank", rel: "noopener", text: "Open the diagram on its own page" }), "."),
    el("iframe", { src: url, title: `Interactive diagram: what ${a.state.label}'s ${a.action} changes` }));
}

export function timelineSection(state, asOf) {
  const url = path("timeline", state.id) + query({ "as-of": asOf });
  return el("section", { class: "timeline" }, heading(4, `${state.label}'s timeline`),
    el("p", { class: "help" }, "Memberships and treaty participation as bars; disputed dates in grey, dates no source gives as a red question mark. ",
      el("a", { href: url, target: "_blank", rel: "noopener", text: "Open the picture (SVG)" }), "."),
    el("img", { src: url, alt: `Timeline of ${state.label}'s memberships and treaty participation; the same facts are in the tables above and in the state's status.` }));
}
