// The explorer's shell: the views as tabs (arrow keys move between them), the names for
// type-ahead, and the page's address, which holds the question (shareable, and the back
// button works): /?state=RUS&event=withdraw&target=ETS-126&notified=2025-10-03 shows that answer.

import { getJSON } from "./api.js";
import { el, message } from "./dom.js";
import { ask, fillAsk, setupAsk } from "./ask.js";
import { setupStatus, showStatus, statusURL } from "./status.js";
import { partiesURL, setupParties, showParties } from "./parties.js";
import { mapURL, setupMap, showMap } from "./map.js";
import { runNamed, setupEditor, showEditor } from "./editor.js";

const VIEWS = ["ask", "status", "parties", "map", "sparql"];

function showView(name, focus = false) {
  for (const view of VIEWS) {
    const tab = document.getElementById(`tab-${view}`);
    const selected = view === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(`view-${view}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (name === "sparql") showEditor();
}

function setupTabs() {
  const tabs = VIEWS.map((v) => document.getElementById(`tab-${v}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => {
      showView(VIEWS[i]);
      history.pushState(null, "", VIEWS[i] === "ask" ? "/" : `/?view=${VIEWS[i]}`);
    });
    tab.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = (moves[event.key] + tabs.length) % tabs.length;
      showView(VIEWS[next], true);
      history.pushState(null, "", VIEWS[next] === "ask" ? "/" : `/?view=${VIEWS[next]}`);
    });
  });
}

function fillLists(names) {
  const lists = {
    "list-states": names.states, "list-treaties": names.treaties,
    "list-organisations": names.organisations, "list-articles": names.articles, "list-bodies": names.bodies,
  };
  for (const [id, choices] of Object.entries(lists)) {
    const datalist = document.getElementById(id);
    for (const c of choices) {
      for (const name of new Set([c.label, ...c.names])) {
        datalist.append(el("option", { value: name, label: name === c.title ? c.id : `${c.title} (${c.id})` }));
      }
    }
  }
}

function openStatus(state, on) {
  showView("status");
  history.pushState(null, "", statusURL(state, on));
  return showStatus(state, on);
}

async function route() {
  const params = new URLSearchParams(location.search);
  const names = window.obligraphNames;
  const view = params.get("view") || (params.has("state") || params.has("event") ? "ask" : "ask");
  showView(VIEWS.includes(view) ? view : "ask");
  if (view === "status" && params.get("state")) await showStatus(params.get("state"), params.get("on") || "");
  else if (view === "parties" && params.get("of")) {
    await showParties(params.get("list") || "treaty-parties", params.get("of"), params.get("on") || "");
  } else if (view === "map" && params.get("of")) await showMap(params.get("of"), params.get("on") || "", openStatus);
  else if (view === "sparql" && params.get("query")) {
    const values = Object.fromEntries([...params].filter(([k]) => k !== "view" && k !== "query"));
    showEditor();
    await runNamed(params.get("query"), values);
  } else if ((view === "ask") && params.get("state")) {
    const question = fillAsk(names, params);
    if (question) await ask(names, question);
  }
}

async function boot() {
  const status = document.getElementById("boot-message");
  window.addEventListener("error", (event) => {
    message(status, `Something went wrong on this page: ${event.message}`, "error");
  });
  setupTabs();
  let names;
  try {
    names = await getJSON("/names");
  } catch (err) {
    message(status, `The server did not give the names of states and treaties: ${err.message}`, "error");
    return;
  }
  window.obligraphNames = names;
  fillLists(names);
  setupAsk(names, () => {});
  setupStatus((state, on) => {
    history.pushState(null, "", statusURL(state, on));
    showStatus(state, on);
  });
  setupParties((name, of, on) => {
    history.pushState(null, "", partiesURL(name, of, on));
    showParties(name, of, on);
  });
  setupMap(names, openStatus, (data) => {
    if (data) history.replaceState(null, "", mapURL(document.getElementById("map-of").value, data.on));
  });
  await setupEditor();
  status.remove();
  window.addEventListener("popstate", () => route());
  await route();
  document.body.setAttribute("data-ready", "yes");
}

boot();
