// The world map: each state coloured by its standing towards a treaty or a procedure on a date
// (the JSON of /standing, `Standings.to_dict()`), drawn from Natural Earth's countries
// (world-atlas, vendored) with d3-geo. A feature's id is its ISO 3166-1 numeric code; the
// graph gives each state its own (og:isoNumeric), so the join is data, not a table here.

import { ApiError, getJSON, query } from "./api.js";
import { clear, confidence, dataTable, el, message, named, sourceList } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
// Okabe and Ito's colours, told apart with the common colour-vision deficiencies.
const COLOURS = {
  accepting: "#009E73",
  party: "#0072B2",
  consented: "#56B4E9",
  "party-undated": "#8C6BB1",
  "former-party": "#D55E00",
  signatory: "#E69F00",
  "signature-withdrawn": "#CC79A7",
  none: "#D9D9D9",
};
const NO_STATE = "#FFFFFF";

let paths = null; // numeric code -> its <path>s (Australia and the Ashmore and Cartier Islands share 036)
let months = []; // the slider's dates, first of each month
let current = null; // the question drawn: {of, on}
let inflight = null;
let playing = null;

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

async function drawWorld() {
  if (paths) return;
  const response = await fetch("/static/vendor/countries-50m.json");
  if (!response.ok) throw new ApiError("The map's data could not be read from the server.");
  const world = await response.json();
  const countries = window.topojson.feature(world, world.objects.countries);
  const width = 960;
  const height = 500;
  const projection = window.d3.geoEqualEarth().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const draw = window.d3.geoPath(projection);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "map-caption", id: "map-svg",
  });
  svg.append(svgEl("path", { d: draw({ type: "Sphere" }), class: "sphere" }));
  paths = new Map();
  for (const feature of countries.features) {
    const d = draw(feature);
    if (!d) continue;
    const path = svgEl("path", { d, class: "country", fill: NO_STATE, "data-numeric": feature.id || "" });
    const title = svgEl("title");
    title.textContent = feature.properties.name;
    path.append(title);
    svg.append(path);
    if (feature.id) paths.set(String(feature.id), [...(paths.get(String(feature.id)) || []), path]);
  }
  document.getElementById("map-canvas").append(svg);
}

function monthsBetween(first, last) {
  const out = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const endYear = Number(last.slice(0, 4));
  const endMonth = Number(last.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${String(month).padStart(2, "0")}-01`);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return out;
}

export function setupMap(names, openStatus, onDrawn) {
  const datalist = document.getElementById("list-map");
  for (const c of [...names.treaties, ...names.articles]) {
    for (const name of new Set([c.label, ...c.names])) datalist.append(el("option", { value: name, label: c.title }));
  }
  const slider = document.getElementById("map-slider");
  const play = document.getElementById("map-play");
  document.getElementById("map-form").addEventListener("submit", (event) => {
    event.preventDefault();
    stop();
    const of = document.getElementById("map-of").value.trim();
    const on = document.getElementById("map-on").value;
    showMap(of, on, openStatus).then(onDrawn);
  });
  slider.addEventListener("input", () => {
    const on = months[Number(slider.value)];
    document.getElementById("map-date").textContent = on;
    slider.setAttribute("aria-valuetext", on);
    if (current) showMap(current.of, on, openStatus).then(onDrawn);
  });
  play.addEventListener("click", () => {
    if (playing) { stop(); return; }
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    if (Number(slider.value) >= months.length - 1) slider.value = "0";
    playing = setInterval(() => {
      const next = Math.min(Number(slider.value) + 12, months.length - 1);
      slider.value = String(next);
      slider.dispatchEvent(new Event("input"));
      if (next >= months.length - 1) stop();
    }, 900);
  });
}

function stop() {
  if (playing) clearInterval(playing);
  playing = null;
  const play = document.getElementById("map-play");
  play.textContent = "Play";
  play.setAttribute("aria-pressed", "false");
}

export function mapURL(of, on) {
  return "/" + query({ view: "map", of, on });
}

export async function showMap(of, on, openStatus) {
  const box = document.getElementById("map-message");
  document.getElementById("map-of").value = of;
  if (!of) {
    message(box, "Give a treaty (e.g. Rome Statute) or a procedure (e.g. CAT 22).", "error");
    return null;
  }
  if (inflight) inflight.abort();
  inflight = new AbortController();
  message(box, "Drawing…", "info");
  try {
    await drawWorld();
    const data = await getJSON("/standing" + query({ of, on }), inflight.signal);
    inflight = null;
    message(box, "");
    paint(data, openStatus);
    current = { of, on: data.on };
    return data;
  } catch (err) {
    if (err.name === "AbortError") return null;
    if (!(err instanceof ApiError)) throw err;
    message(box, err.message, "error");
    return null;
  }
}

function paint(data, openStatus) {
  const byNumeric = new Map(data.states.filter((s) => s.numeric).map((s) => [s.numeric, s]));
  const texts = new Map(data.legend.map((l) => [l.standing, l.text]));
  for (const [numeric, drawn] of paths) {
    const s = byNumeric.get(numeric);
    for (const path of drawn) {
      const title = path.querySelector("title");
      if (!s) {
        path.setAttribute("fill", NO_STATE);
        path.removeAttribute("data-state");
        path.setAttribute("data-standing", "no-state");
        path.onclick = null;
        continue;
      }
      path.setAttribute("fill", COLOURS[s.standing]);
      path.setAttribute("data-state", s.id);
      path.setAttribute("data-standing", s.standing);
      title.textContent = `${s.label}: ${texts.get(s.standing)}${s.since ? ` (since ${s.since})` : ""}`;
      path.onclick = () => openStatus(s.id, data.on);
    }
  }
  document.getElementById("map-on").value = data.on;
  const slider = document.getElementById("map-slider");
  const today = new Date().toISOString().slice(0, 10);
  const first = data.first || data.on;
  const wanted = monthsBetween(first < data.on ? first : data.on, data.on > today ? data.on : today);
  if (wanted.join() !== months.join()) {
    months = wanted;
    slider.max = String(months.length - 1);
  }
  const index = months.indexOf(`${data.on.slice(0, 7)}-01`);
  slider.value = String(index < 0 ? months.length - 1 : index);
  slider.disabled = false;
  slider.setAttribute("aria-valuetext", data.on);
  document.getElementById("map-play").disabled = false;
  document.getElementById("map-date").textContent = data.on;

  document.getElementById("map-caption").textContent =
    `Each state's standing towards ${named(data.of)} on ${data.on}; the legend gives the colours and counts, `
    + "the table below the same facts with their sources. Land with no state of the graph is white.";
  const legend = clear(document.getElementById("map-legend"));
  legend.append(el("h3", { text: "Legend" }));
  const items = el("ul");
  for (const l of data.legend) {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = COLOURS[l.standing];
    items.append(el("li", { "data-standing": l.standing }, swatch, `${l.text}: ${l.count}`));
  }
  const blank = el("span", { class: "swatch", "aria-hidden": "true" });
  blank.style.background = NO_STATE;
  items.append(el("li", {}, blank, "no state of the graph"));
  legend.append(items);

  const table = clear(document.getElementById("map-table"));
  table.append(dataTable({
    caption: `Standing towards ${named(data.of)} on ${data.on}`,
    csvName: `standing-${data.of.id.replace(/\//g, "-")}-${data.on}`,
    rows: data.states,
    columns: [
      { key: "state", label: "State", header: true, value: (s) => named(s) },
      { key: "standing", label: "Standing", value: (s) => texts.get(s.standing) },
      { key: "since", label: "Since", value: (s) => s.since || "" },
      { key: "confidence", label: "Confidence", value: (s) => s.confidence || "", render: (s) => (s.record ? confidence(s.confidence) : "") },
      { key: "sources", label: "Sources", value: (s) => s.sources, render: (s) => (s.record ? sourceList(s.sources) : "") },
      {
        key: "open", label: "Status", value: () => "",
        render: (s) => el("button", {
          type: "button", class: "link", text: `${s.label} on ${data.on}`, onclick: () => openStatus(s.id, data.on),
        }),
      },
    ],
  }));
}
