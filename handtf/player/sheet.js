// The sheet: every matrix of the page as SVG, in page cells (x right, y down, from
// the top-left corner of cell (0, 0)), as the storyboard's layout places it. Numbers
// are <text>, so a reader can select them and a screen reader can read them. What a
// cell says comes from the page's data; nothing here works a number out.

const data = JSON.parse(document.getElementById("handtf-data").textContent);
const NS = "http://www.w3.org/2000/svg";
const root = document.querySelector(".player");
const svg = root.querySelector("svg.sheet");
const colors = data.colors;
const sizes = data.sizes;
const words = data.words;
const EM = 0.73; // a digit's height in ems of a sans font: font sizes from digit heights
const ROOM = 0.84; // of a cell's width, for its number
const CONDENSED = 0.58; // how narrow a long number may be drawn before it is drawn smaller
const layout = data.boards[data.detail];

function node(name, attrs, parent) {
  const made = document.createElementNS(NS, name);
  for (const key in attrs) made.setAttribute(key, attrs[key]);
  if (parent) parent.appendChild(made);
  return made;
}

function say(key, values) {
  return words[key].replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? values[name] : whole));
}

// A field of the page's data by a name that came from a spec: its own, never one an
// object inherits (a matrix named "toString" is a matrix).
function own(object, name) {
  return Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
}

function cellKey(tensor, row, col) {
  return tensor + "\u0000" + row + "\u0000" + col;
}

// Colours as CSS properties of the player (set through the CSSOM, which the page's
// policy allows), so the style sheet draws both themes.
for (const [name, value] of Object.entries(colors)) {
  if (typeof value === "string") document.documentElement.style.setProperty("--" + name, value);
}

// Where a shot sees a matrix: its copy for that step, if it has one.
const copyBoxes = new Map(layout.copies.map((c) => [c.step + "\u0000" + c.name, c]));
function boxOf(name, stepId) {
  return copyBoxes.get(stepId + "\u0000" + name) || own(layout.boxes, name);
}

// Text widths, measured once per word and weight with the page's own font.
const measure = node("text", { class: "measure", x: 0, y: -1000, "font-size": 1 }, svg);
const widths = new Map();
function widthOf(text, bold) {
  const key = (bold ? "b" : "n") + text;
  if (!widths.has(key)) {
    measure.setAttribute("font-weight", bold ? "bold" : "normal");
    measure.textContent = text;
    widths.set(key, measure.getComputedTextLength());
  }
  return widths.get(key);
}

// Every number of a matrix drawn alike: as narrow as its widest needs, down to
// CONDENSED, then smaller (as the video's cells draw them).
function fitter(texts, bold) {
  const size = sizes.digit / EM;
  const widest = Math.max(...texts.map((t) => widthOf(t, bold) * size), 1e-9);
  const squeeze = Math.max(CONDENSED, Math.min(1, ROOM / widest));
  return function fit(el, text) {
    const natural = widthOf(text, bold) * size;
    const scale = natural * squeeze > ROOM ? ROOM / (natural * squeeze) : 1;
    el.setAttribute("font-size", size * scale);
    if (squeeze < 1 || scale < 1) {
      el.setAttribute("textLength", natural * squeeze * scale);
      el.setAttribute("lengthAdjust", "spacingAndGlyphs");
    } else {
      el.removeAttribute("textLength");
    }
  };
}

function tone(text, shown) {
  return text.startsWith("-") ? "negative" : shown;
}

// The faint grid paper under everything, forty cells beyond the page each way.
const defs = node("defs", {}, svg);
const pattern = node("pattern", { id: "paper", width: 1, height: 1, patternUnits: "userSpaceOnUse" }, defs);
node("path", { d: "M 1 0 L 0 0 0 1", class: "grid-line" }, pattern);
const page = data.page;
node("rect", {
  x: page.col - 40,
  y: page.row - 40,
  width: page.cols + 80,
  height: page.rows + 80,
  fill: "url(#paper)",
  class: "paper",
}, svg);

const pieces = new Map(); // "name" or "step\0name" -> <g>
const valueEls = new Map(); // cellKey -> the <text> of a computed cell on the page
const cellFits = new Map(); // tensor name -> how its computed numbers fit
const piecesLayer = node("g", { class: "pieces" }, svg);

function label(parent, text, x, y, cls, size) {
  const t = node("text", { x: x, y: y, class: cls, "font-size": size }, parent);
  t.textContent = text;
  return t;
}

// A column label no wider than its column ("laughter" over a cell of numbers).
function narrowed(t, width) {
  if (t.getComputedTextLength && t.getComputedTextLength() > width) {
    t.setAttribute("textLength", width);
    t.setAttribute("lengthAdjust", "spacingAndGlyphs");
  }
  return t;
}

// One matrix (or a copy of one) at its box: cells, outline, labels, arrows and values.
function drawMatrix(name, box, filled, key) {
  const m = own(data.matrices, name);
  const g = node("g", { class: "piece role-" + m.role, "data-piece": key }, piecesLayer);
  const cells = node("g", { class: "cells" }, g);
  for (let i = 0; i < box.rows; i++) {
    for (let j = 0; j < box.cols; j++) {
      node("rect", {
        x: box.col + j,
        y: box.row + i,
        width: 1,
        height: 1,
        class: "cell",
        fill: colors.fill[m.role],
        "data-cell": cellKey(name, i, j),
      }, cells);
    }
  }
  node("rect", {
    x: box.col, y: box.row, width: box.cols, height: box.rows, class: "outline", stroke: colors.stroke[m.role],
  }, g);
  const small = sizes.label / EM;
  if (m.role === "bias") {
    narrowed(label(g, m.tag, box.col + 0.5, box.row - 0.5, "tag bias-tag", small * 1.3), 0.96).style.fill =
      colors.stroke.bias;
  } else if (m.tag) {
    label(g, m.tag, box.col - 0.5, box.row + (box.tag_left ? 0.5 : -0.5), "tag", small * 1.3);
  }
  if (m.labelled[1]) {
    m.cols.forEach((text, j) => narrowed(label(g, text, box.col + j + 0.5, box.row - 0.5, "axis", small), 0.92));
  }
  if (m.labelled[0]) {
    m.rows.forEach((text, i) => label(g, text, box.col - 0.5, box.row + i + 0.5, "axis", small));
  }
  for (const [col, row, glyph] of own(layout.arrows, name) || []) {
    if (key === name) label(g, glyph, col + 0.5, row + 0.5, "arrow", 0.4 / EM);
  }
  const values = node("g", { class: "values" }, g);
  const texts = m.values.flat();
  const fit = fitter(texts, !filled);
  if (!filled) cellFits.set(name, fit);
  for (let i = 0; i < box.rows; i++) {
    for (let j = 0; j < box.cols; j++) {
      const text = m.values[i][j];
      const v = node("text", { x: box.col + j + 0.5, y: box.row + i + 0.5, class: "value", "data-cell": cellKey(name, i, j) }, values);
      if (filled) {
        v.textContent = text;
        v.classList.add(tone(text, "given"));
        fit(v, text);
      } else {
        v.classList.add("computed");
        v.setAttribute("data-computed", "");
        valueEls.set(cellKey(name, i, j), v);
      }
    }
  }
  pieces.set(key, g);
  return g;
}

// The "QK" box left of a given attention matrix, as on the sheets.
function drawQk(g, box) {
  const h = box.rows * 0.8;
  node("rect", {
    x: box.col - 2 + 0.05, y: box.row + (box.rows - h) / 2, width: 0.9, height: h, rx: 0.15, class: "qk",
    stroke: colors.stroke.weight, fill: colors.fill.weight,
  }, g);
  label(g, "QK", box.col - 1.5, box.row + box.rows / 2, "tag qk-tag", 0.3 / EM);
  for (let r = 0; r < box.rows; r++) label(g, "→", box.col - 0.5, box.row + r + 0.5, "arrow", 0.4 / EM);
}

const given = new Set(layout.given);
for (const [name, box] of Object.entries(layout.boxes)) drawMatrix(name, box, given.has(name), name);
for (const copy of layout.copies) drawMatrix(copy.name, copy, true, copy.step + "\u0000" + copy.name);
for (const shot of layout.shots) {
  if (shot.qk_module) drawQk(pieces.get(shot.qk_module), own(layout.boxes, shot.qk_module));
}

// Each shot's notes that point at cells, a line each, from the top-left of notes_at.
const notesLayer = node("g", { class: "notes" }, svg);
const noteLines = new Map(); // shot index -> [<text>]
for (const shot of layout.shots) {
  const at = shot.notes_at || [0, 0];
  const lines = (shot.notes || []).map((text, k) => {
    const t = label(notesLayer, text, at[0], at[1] + 0.42 + k * 0.74, "note", 0.42 / EM);
    const room = sizes.note_cols - 1;
    if (widthOf(text, false) * (0.42 / EM) > room) {
      t.setAttribute("textLength", room);
      t.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
    t.setAttribute("opacity", 0);
    return t;
  });
  noteLines.set(shot.index, lines);
}

// The takeaways: the exercise's title and the lines, each from its baseline's cell.
function drawOverview(title, at, lines, view) {
  const group = node("g", { class: "overview", opacity: 0 }, svg);
  const heading = label(group, title, at[0], at[1], "overview-title", sizes.title / EM);
  const room = view.x + view.width / 2 - at[0] - 0.5;
  if (widthOf(title, true) * (sizes.title / EM) > room) {
    heading.setAttribute("textLength", room);
    heading.setAttribute("lengthAdjust", "spacingAndGlyphs");
  }
  for (const [text, col, row] of lines) label(group, text, col, row, "overview-line", sizes.text / EM);
  return group;
}

// Two framings of the same shots: the video's, and the storyboard's for a stage held
// upright (a phone), whose takeaways go under the sheet. Each says, per shot, the
// window between the bands the camera shows and the matrices and copies on the page.
const bands = layout.bands;
function framing(windowAspect, views, leftOut, leftOutCopies, overview) {
  const shown = new Set();
  const present = layout.shots.map((shot, s) => {
    for (const name of shot.shows || []) shown.add(name);
    for (const name of shot.copies || []) shown.add(shot.step_id + "\u0000" + name);
    const now = new Set(shown);
    for (const name of leftOut[s] || []) now.delete(name);
    for (const [step, name] of leftOutCopies[s] || []) now.delete(step + "\u0000" + name);
    return now;
  });
  const windows = layout.shots.map((shot, s) => {
    const v = views[s];
    if (shot.kind === "takeaways") return { x: v.x - v.width / 2, y: v.y - v.height / 2, w: v.width, h: v.height };
    const top = v.y - v.height / 2 + bands.top * v.height;
    return { x: v.x - v.width / 2, y: top, w: v.width, h: v.height * (1 - bands.top - bands.bottom) };
  });
  return { aspect: windowAspect, windows: windows, present: present, overview: overview };
}
const takeaways = layout.shots[layout.shots.length - 1];
const framings = [
  framing(
    layout.aspect / (1 - bands.top - bands.bottom),
    layout.shots.map((shot) => shot.view),
    layout.shots.map((shot) => shot.left_out),
    layout.shots.map((shot) => shot.left_out_copies),
    drawOverview(takeaways.title, takeaways.title_at || [0, 0], takeaways.lines || [], takeaways.view),
  ),
  framing(
    data.portrait.window,
    data.portrait.views,
    data.portrait.left_out,
    data.portrait.left_out_copies,
    drawOverview(takeaways.title, data.portrait.title_at, data.portrait.lines, data.portrait.views[layout.shots.length - 1]),
  ),
];

const marksLayer = node("g", { class: "marks" }, svg);
const readsLayer = node("g", { class: "reads" }, svg);
const flyLayer = node("g", { class: "flying" }, svg);
