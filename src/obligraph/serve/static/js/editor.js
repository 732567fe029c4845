// The SPARQL editor: YASGUI (vendored) on this server's /sparql, with the named queries
// preloaded. A named query's parameters are form fields; the server checks each against its
// type and writes it into the query as an RDF term (/queries/NAME/text), never the text typed.

import { ApiError, getJSON, path, query } from "./api.js";
import { clear, el, message } from "./dom.js";

const LISTS = {
  state: "list-states", treaty: "list-treaties", organisation: "list-organisations",
  article: "list-articles", body: "list-bodies",
};
let yasgui = null;
let catalogue = null;

export async function setupEditor() {
  const data = await getJSON("/queries");
  catalogue = new Map(data.queries.map((q) => [q.name, q]));
  const select = document.getElementById("editor-query");
  for (const q of data.queries) select.append(el("option", { value: q.name, text: `${q.name}: ${q.title}` }));
  select.addEventListener("change", () => fields(select.value, {}));
  fields(select.value, {});
  document.getElementById("editor-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const values = {};
    for (const input of document.querySelectorAll("#editor-params input")) values[input.name] = input.value.trim();
    const name = select.value;
    history.pushState(null, "", editorURL(name, values));
    runNamed(name, values);
  });
}

export function editorURL(name, values) {
  return "/" + query({ view: "sparql", query: name, ...values });
}

function fields(name, values) {
  const q = catalogue.get(name);
  document.getElementById("editor-description").textContent = q.description;
  const box = document.getElementById("editor-params");
  clear(box);
  box.append(el("legend", { text: q.parameters.length ? "Parameters" : "This query takes no parameters" }));
  for (const p of q.parameters) {
    const id = `param-${p.name}`;
    const input = el("input", {
      id, name: p.name, type: p.type === "date" ? "date" : "text", list: LISTS[p.type], required: true,
      autocomplete: "off", spellcheck: "false", value: values[p.name] || "", "aria-describedby": `${id}-hint`,
    });
    if (p.type === "date") { input.min = "1900-01-01"; input.max = "2200-12-31"; }
    box.append(el("div", { class: "field" },
      el("label", { for: id, text: `${p.name} (${p.type})` }), input,
      el("span", { class: "hint", id: `${id}-hint`, text: p.description })));
  }
  document.getElementById("editor-csv").hidden = true;
}

// YASGUI leaves some of its controls without a name, and its scroller out of the keyboard's
// reach: named here whenever it draws them (axe-core checks the page in the tests).
function patchYasgui(root) {
  const name = (selector, text) => root.querySelectorAll(selector).forEach((node) => {
    if (!node.getAttribute("aria-label")) node.setAttribute("aria-label", text);
  });
  name("input.autocomplete", "SPARQL endpoint");
  name(".CodeMirror textarea", "SPARQL query");
  name("select.tableSizer", "Rows per page");
  name(".CodeMirror-scroll", "SPARQL query, scrollable");
  root.querySelectorAll(".CodeMirror-scroll[tabindex='-1']").forEach((node) => node.setAttribute("tabindex", "0"));
}

function ensureYasgui() {
  if (yasgui) return yasgui;
  const Yasgui = window.Yasgui.default || window.Yasgui;
  const root = document.getElementById("yasgui");
  new MutationObserver(() => patchYasgui(root)).observe(root, { childList: true, subtree: true });
  yasgui = new Yasgui(root, {
    requestConfig: { endpoint: `${location.origin}/sparql`, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { autocompleters: ["prefixes", "variables"], editorHeight: "420px" },
  });
  patchYasgui(root);
  return yasgui;
}

export function showEditor() {
  ensureYasgui();
}

export async function runNamed(name, values) {
  const select = document.getElementById("editor-query");
  if (catalogue.has(name)) {
    select.value = name;
    fields(name, values);
  }
  const box = document.getElementById("editor-message");
  const params = {};
  for (const p of (catalogue.get(name) || { parameters: [] }).parameters) params[p.name] = values[p.name] || "";
  try {
    message(box, "Binding the parameters…", "info");
    const bound = await getJSON(path("queries", name, "text") + query(params));
    const tab = ensureYasgui().getTab();
    tab.setQuery(bound.text);
    const csv = document.getElementById("editor-csv");
    csv.href = path("queries", name) + query({ ...params, format: "csv" });
    csv.setAttribute("download", `${name}.csv`);
    csv.hidden = false;
    message(box, "Running…", "info");
    await tab.query();
    const rows = document.querySelectorAll("#yasgui .yasr table tbody tr").length;
    message(box, `Ran ${name} in the editor.`, "info");
    document.getElementById("view-sparql").setAttribute("data-rows", String(rows));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    message(box, err.message, "error");
  }
}
