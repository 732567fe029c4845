// Where sources disagree about a state's facts: the JSON of `obligraph sources --conflicts`
// for that state. Each claim with its confidence and sources; the one the graph uses marked.

import { ApiError, getJSON, path } from "./api.js";
import { confidence, dataTable, el, heading, sourceList } from "./dom.js";

export async function conflictsSection(state) {
  const section = el("section", { class: "conflicts" });
  section.append(heading(4, `Where sources disagree about ${state.label}`));
  try {
    const data = await getJSON(path("conflicts", state.id));
    if (!data.conflicts.length) {
      section.append(el("p", { class: "muted", text: `The graph holds no competing claims about ${state.label}'s dated facts.` }));
      return section;
    }
    section.append(el("p", { class: "help" },
      el("span", { class: "conflict-mark", text: "Sources disagree" }),
      ` on ${data.conflicts.length} of ${state.label}'s facts; every claim is kept. The one the graph uses is marked “used”.`));
    const rows = [];
    for (const c of data.conflicts) {
      for (const claim of c.claims) rows.push({ about: c.about_label, property: c.property, ...claim });
    }
    section.append(dataTable({
      caption: `Competing claims about ${state.label}`,
      csvName: `conflicts-${state.id}`,
      rows,
      columns: [
        { key: "about", label: "Fact", header: true },
        { key: "property", label: "What" },
        { key: "value", label: "Value" },
        { key: "accepted", label: "Used", value: (r) => (r.accepted ? "used" : "kept, not used") },
        { key: "confidence", label: "Confidence", value: (r) => r.confidence || "", render: (r) => confidence(r.confidence) },
        { key: "sources", label: "Sources", value: (r) => r.sources, render: (r) => sourceList(r.sources) },
      ],
    }));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    section.append(el("p", { class: "message error", text: err.message }));
  }
  return section;
}
