// Building the page from data: every text goes in as text (textContent), never as HTML; a link
// is made only for an http(s) URL. Sortable tables that download as CSV.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const WEB = /^https?:\/\/[^\s]+$/i;

export function hostOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch (e) {
    return url;
  }
}

// One source: a link named by its site, the whole URL in the title.
export function sourceLink(url, label) {
  if (!WEB.test(String(url))) return el("span", { class: "source", text: String(url) });
  return el("a", {
    class: "source", href: url, title: url, rel: "noopener noreferrer", target: "_blank",
    text: label || hostOf(url),
  });
}

export function sourceList(urls) {
  if (!urls || !urls.length) return el("span", { class: "muted", text: "no source recorded" });
  const list = el("span", { class: "sources" });
  urls.forEach((url, i) => {
    if (i) list.append(" · ");
    list.append(sourceLink(url));
  });
  return list;
}

export function named(thing) {
  if (!thing) return "";
  const label = thing.label || thing.id;
  return label === thing.id ? label : `${label} (${thing.id})`;
}

// A confidence: "low" is marked, so is a value no source gives.
export function confidence(value) {
  if (!value) return el("span", { class: "muted", text: "not stated" });
  const mark = el("span", { class: `confidence confidence-${value}`, text: value });
  if (value === "low") mark.setAttribute("title", "Low confidence: recalled or computed, not read on a page");
  return mark;
}

export function message(node, text, kind = "info") {
  clear(node);
  node.className = `message ${kind}`;
  if (text) node.append(el("p", { text }));
}

export function heading(level, text, attrs = {}) {
  return el(`h${level}`, { ...attrs, text });
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  return String(value);
}

function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

let tableCount = 0;

// A table whose columns sort on click (header buttons, aria-sort) and that downloads as CSV.
// columns: [{key, label, value(row) -> text for sorting and CSV, render(row) -> Node|text}]
export function dataTable({ caption, columns, rows, csvName, empty }) {
  tableCount += 1;
  const id = `table-${tableCount}`;
  const figure = el("figure", { class: "table-figure" });
  if (!rows.length) {
    figure.append(el("p", { class: "muted", text: empty || `${caption}: none.` }));
    return figure;
  }
  const valueOf = (col, row) => cellText(col.value ? col.value(row) : row[col.key]);
  const table = el("table", { id });
  table.append(el("caption", { text: `${caption} (${rows.length})` }));
  const head = el("tr");
  const body = el("tbody");
  let order = rows.slice();
  const draw = () => {
    clear(body);
    for (const row of order) {
      const tr = el("tr");
      for (const col of columns) {
        const content = col.render ? col.render(row) : valueOf(col, row);
        const attributes = col.header ? { scope: "row" } : {};
        // a date stays on one line
        if (typeof content === "string" && /^\d{4}-\d{2}-\d{2}$/.test(content)) attributes.class = "date";
        tr.append(el(col.header ? "th" : "td", attributes, content));
      }
      body.append(tr);
    }
  };
  columns.forEach((col) => {
    const th = el("th", { scope: "col", "aria-sort": "none" });
    const button = el("button", { type: "button", class: "sort", text: col.label });
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      head.querySelectorAll("th").forEach((other) => other.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      order = rows.slice().sort((a, b) => {
        const x = valueOf(col, a);
        const y = valueOf(col, b);
        const result = x.localeCompare(y, "en", { numeric: true, sensitivity: "base" });
        return ascending ? result : -result;
      });
      draw();
    });
    th.append(button);
    head.append(th);
  });
  table.append(el("thead", {}, head), body);
  draw();
  const download = el("button", { type: "button", class: "download", text: `Download CSV (${caption})` });
  download.addEventListener("click", () => {
    const lines = [columns.map((c) => csvField(c.label)).join(",")];
    for (const row of order) lines.push(columns.map((c) => csvField(valueOf(c, row))).join(","));
    const blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${csvName || id}.csv` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
  figure.append(el("div", { class: "scroll" }, table), el("div", { class: "table-actions" }, download));
  return figure;
}

export function list(items, render, ordered = false) {
  const node = el(ordered ? "ol" : "ul");
  for (const item of items) node.append(el("li", {}, render(item)));
  return node;
}
