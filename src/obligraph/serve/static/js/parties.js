// "Parties on a date": the named queries treaty-parties and procedure-acceptances, as sortable
// tables; the CSV is the server's (`obligraph query NAME --format csv`).

import { ApiError, getJSON, path, query } from "./api.js";
import { clear, dataTable, el, heading, message, sourceList } from "./dom.js";

const PARAM = { "treaty-parties": "treaty", "procedure-acceptances": "article" };

export function setupParties(onAsk) {
  const kind = document.getElementById("parties-kind");
  const adapt = () => {
    const article = kind.value === "procedure-acceptances";
    document.getElementById("parties-of-label").textContent = article ? "Article (procedure)" : "Treaty";
    document.getElementById("parties-of").setAttribute("list", article ? "list-articles" : "list-treaties");
  };
  kind.addEventListener("change", adapt);
  adapt();
  document.getElementById("parties-form").addEventListener("submit", (event) => {
    event.preventDefault();
    onAsk(kind.value, document.getElementById("parties-of").value.trim(), document.getElementById("parties-on").value);
  });
}

export function partiesURL(name, of, on) {
  return "/" + query({ view: "parties", list: name, of, on });
}

// A named query's rows as a table: things of the graph by name and id, with the server's labels.
export function rowsTable(answer, caption, csvName) {
  const columns = Object.keys(answer.rows[0] || {}).map((key) => ({
    key,
    label: key,
    header: key === "state" || key === "party",
    value: (row) => display(answer, row[key]),
    render: key === "source"
      ? (row) => (row[key] ? sourceList([row[key]]) : "")
      : undefined,
  }));
  return dataTable({ caption, columns, rows: answer.rows, csvName, empty: answer.explanation || "No rows." });
}

function display(answer, value) {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const name = answer.labels && answer.labels[text];
  const id = text.replace(/^https:\/\/w3id\.org\/obligraph\/id\/[a-z]+\//, "");
  if (name) return name === id ? id : `${name} (${id})`;
  return id;
}

export async function showParties(name, of, on) {
  document.getElementById("parties-kind").value = name;
  document.getElementById("parties-kind").dispatchEvent(new Event("change"));
  document.getElementById("parties-of").value = of;
  document.getElementById("parties-on").value = on;
  const box = document.getElementById("parties-message");
  const out = document.getElementById("parties-answer");
  clear(out);
  if (!of || !on) {
    message(box, "Give a treaty (or an article) and a date.", "error");
    return null;
  }
  message(box, "Listing…", "info");
  const params = { [PARAM[name]]: of, on };
  try {
    const answer = await getJSON(path("queries", name) + query(params));
    message(box, "");
    // the question as the user wrote it ("CAT 22"), not the graph's identifier
    const title = `${answer.title}: ${of}, ${on}`;
    out.append(heading(3, title, { id: "parties-title" }));
    if (!answer.rows.length) out.append(el("p", { class: "message info", text: answer.explanation }));
    else out.append(rowsTable(answer, answer.title, `${name}-${on}`));
    out.append(el("p", {}, el("a", {
      class: "button", href: path("queries", name) + query({ ...params, format: "csv" }), download: `${name}.csv`,
      text: "Download CSV (as `obligraph query --format csv` writes it)",
    })));
    return answer;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    message(box, err.message, "error");
    return null;
  }
}
