// Drawing a timeline at a time t: the camera on the shot's view, the matrices on the
// page, each computed cell's value (arriving, settling, shown), the marks, the
// caption, the title, the notes and the takeaways. Each beat kind is drawn as the
// video's scene plays it; what to show is the storyboard's.

const titleEl = root.querySelector(".title-band .title");
const formulaEl = root.querySelector(".title-band .formula");
const headEl = root.querySelector(".caption-band .head");
const resultEl = root.querySelector(".caption-band .result");
const labelEl = root.querySelector(".caption-band .label");
const titleBand = root.querySelector(".title-band");
const captionBand = root.querySelector(".caption-band");
const stage = root.querySelector(".stage");
const stillness = window.matchMedia("(prefers-reduced-motion: reduce)");
const LAG = 0.15; // values appearing in place, one after another
const MARK_COLORS = { row: "row", col: "col", out: "out", note: "note" };

function motion(f) {
  return stillness.matches ? 1 : f;
}

function smooth(f) {
  return f * f * f * (f * (f * 6 - 15) + 10);
}

const wholePage = { x: page.col - 0.5, y: page.row - 0.5, w: page.cols + 1, h: page.rows + 1 };

function Drawing() {
  this.framing = framings[0];
  this.applied = new Map(); // what each element shows now, not to touch it again
  this.marks = new Map();
  this.rect = null;
}

Drawing.prototype.set = function (key, value, apply) {
  if (this.applied.get(key) !== value) {
    this.applied.set(key, value);
    apply(value);
  }
};

Drawing.prototype.draw = function (tl, t, whole) {
  const { i, f } = tl.at(t);
  const b = tl.beats[i];
  const shot = tl.shots[b.s];
  const before = tl.before[i];
  const after = tl.after[i];
  const started = f > 0;
  const state = started ? after : before;
  this.camera(tl, b, f, whole);
  this.pieces(tl, i, b, f, whole);
  this.values(tl, i, f, shot);
  this.drawMarks(b, f, before, after, shot);
  this.captionBand(b, f, before, state);
  this.titleBand(tl, b, f, before, state, shot);
  this.notes(tl, b, f, before, state);
  return { i: i, f: f, shot: shot };
};

Drawing.prototype.camera = function (tl, b, f, whole) {
  const windows = this.framing.windows;
  const shot = tl.shots[b.s];
  let rect = windows[b.s];
  if (whole && shot.kind !== "takeaways") rect = wholePage; // the takeaways' view is the whole sheet, titled
  else if (b.kind === "move" && b.s > 0) {
    const from = windows[b.s - 1];
    const p = smooth(motion(f));
    rect = {
      x: from.x + (rect.x - from.x) * p,
      y: from.y + (rect.y - from.y) * p,
      w: from.w + (rect.w - from.w) * p,
      h: from.h + (rect.h - from.h) * p,
    };
  }
  // Widened to the stage's proportions, about its centre.
  let { x, y, w, h } = rect;
  const aspect = this.framing.aspect;
  if (w / h < aspect) { x -= (h * aspect - w) / 2; w = h * aspect; }
  else { y -= (w / aspect - h) / 2; h = w / aspect; }
  this.rect = { x: x, y: y, w: w, h: h };
  const box = [x, y, w, h].map((n) => n.toFixed(4)).join(" ");
  this.set("viewBox", box, (v) => svg.setAttribute("viewBox", v));
};

Drawing.prototype.pieces = function (tl, bi, b, f, whole) {
  const s = b.s;
  const present = whole ? tl.shownBy : this.framing.present;
  const now = present[s];
  const last = s > 0 ? present[s - 1] : new Set();
  const reveal = tl.revealAt[s];
  for (const [key, g] of pieces) {
    let opacity;
    if (bi < reveal || reveal < 0) opacity = last.has(key) ? 1 : 0;
    else if (bi === reveal) opacity = (last.has(key) ? 1 - f : 0) + (now.has(key) ? f : 0);
    else opacity = now.has(key) ? 1 : 0;
    if (bi === reveal && last.has(key) && now.has(key)) opacity = 1;
    opacity = Math.round(opacity * 100) / 100;
    this.set("piece" + key, opacity, (o) => {
      g.setAttribute("opacity", o);
      g.setAttribute("visibility", o > 0 ? "visible" : "hidden");
    });
  }
};

Drawing.prototype.values = function (tl, i, f, shot) {
  for (const [key, w] of tl.writes) {
    const el = valueEls.get(key);
    if (!el) continue;
    const write = w.write;
    let phase;
    if (i < w.w || (i === w.w && f === 0)) phase = "hidden";
    else if (i === w.w && motion(f) < 1) phase = "arrive";
    else if (w.z >= 0 && (i < w.z || (i === w.z && f === 0))) phase = "before";
    else if (w.z >= 0 && i === w.z && motion(f) < 1) phase = "settle";
    else phase = "shown";
    const showsBefore = write.before !== undefined && write.before !== null;
    const text = phase === "hidden" ? "" : (phase === "arrive" || phase === "before") && showsBefore ? write.before_text : write.text;
    const negative = write.text.startsWith("-");
    const cls = (phase === "arrive" || phase === "before") && showsBefore ? "zeroed"
      : write.given ? (negative ? "negative" : "given") : negative ? "computed negative" : "computed";
    this.set("text" + key, text, (v) => {
      el.textContent = v;
      if (v) cellFits.get(write.cell[0])(el, v);
    });
    this.set("class" + key, cls, (v) => el.setAttribute("class", "value " + v));
    let opacity = 1;
    let transform = "";
    if (phase === "arrive") {
      const n = w.n;
      const share = 1 / (1 + LAG * (n - 1));
      const local = write.source === null ? Math.min(1, Math.max(0, (f - w.k * LAG * share) / share)) : f;
      const p = smooth(motion(local));
      opacity = p;
      transform = this.flight(write, p, shot);
    } else if (phase === "settle") {
      opacity = Math.abs(1 - 2 * f);
      if (f < 0.5) {
        this.set("text" + key, write.before_text, (v) => { el.textContent = v; });
        this.set("class" + key, "zeroed", (v) => el.setAttribute("class", "value " + v));
      }
    }
    this.set("opacity" + key, opacity, (o) => el.setAttribute("opacity", o));
    this.set("transform" + key, transform, (v) => (v ? el.setAttribute("transform", v) : el.removeAttribute("transform")));
  }
};

// Where a value flies from: the caption (bigger, from the bottom of the view), the
// cell it is read from, or nowhere (it grows into place).
Drawing.prototype.flight = function (write, p, shot) {
  const [tensor, row, col] = write.cell;
  const box = boxOf(tensor, shot.step_id);
  const cx = box.col + col + 0.5;
  const cy = box.row + row + 0.5;
  let fromX = cx;
  let fromY = cy;
  let scale = 1;
  if (write.source === "caption") {
    fromX = this.rect.x + this.rect.w / 2;
    fromY = this.rect.y + this.rect.h - 0.4;
    scale = 1.5;
  } else if (write.source === null) {
    scale = 1.6;
  } else {
    const [st, sr, sc] = write.source;
    const from = boxOf(st, shot.step_id);
    fromX = from.col + sc + 0.5;
    fromY = from.row + sr + 0.5;
  }
  const x = fromX + (cx - fromX) * p;
  const y = fromY + (cy - fromY) * p;
  const k = scale + (1 - scale) * p;
  if (p >= 1) return "";
  return `translate(${x.toFixed(3)} ${y.toFixed(3)}) scale(${k.toFixed(3)}) translate(${-cx} ${-cy})`;
};

// Boxes around the lit cells: one per matrix and kind of mark (a note's, one per cell).
function markBoxes(lit, shot) {
  const groups = new Map();
  for (const [tensor, row, col, mark] of lit || []) {
    const key = mark === "note" ? [tensor, mark, row, col].join("\u0000") : tensor + "\u0000" + mark;
    const box = boxOf(tensor, shot.step_id);
    const g = groups.get(key) || { mark: mark, x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    g.x0 = Math.min(g.x0, box.col + col);
    g.y0 = Math.min(g.y0, box.row + row);
    g.x1 = Math.max(g.x1, box.col + col + 1);
    g.y1 = Math.max(g.y1, box.row + row + 1);
    groups.set(key, g);
  }
  return groups;
}

Drawing.prototype.drawMarks = function (b, f, before, after, shot) {
  const moving = b.kind === "mark" || b.kind === "point";
  const fading = b.kind === "unmark" || b.kind === "unpoint";
  const from = markBoxes(before.lit, shot);
  const to = markBoxes(f > 0 ? after.lit : before.lit, shot);
  const p = smooth(motion(f));
  const shown = new Map();
  for (const [key, g] of to) {
    const old = moving ? from.get(key) : null;
    const box = old ? {
      x0: old.x0 + (g.x0 - old.x0) * p, y0: old.y0 + (g.y0 - old.y0) * p,
      x1: old.x1 + (g.x1 - old.x1) * p, y1: old.y1 + (g.y1 - old.y1) * p,
    } : g;
    shown.set(key, { box: box, mark: g.mark, opacity: moving && !old ? p : 1 });
  }
  if (fading) for (const [key, g] of from) shown.set(key, { box: g, mark: g.mark, opacity: 1 - p });
  if (moving) for (const [key, g] of from) if (!to.has(key)) shown.set(key, { box: g, mark: g.mark, opacity: 1 - p });
  for (const [key, rect] of this.marks) {
    if (!shown.has(key)) { rect.remove(); this.marks.delete(key); }
  }
  for (const [key, m] of shown) {
    let rect = this.marks.get(key);
    if (!rect) {
      rect = node("rect", { class: "mark mark-" + MARK_COLORS[m.mark] }, marksLayer);
      this.marks.set(key, rect);
    }
    rect.setAttribute("x", m.box.x0);
    rect.setAttribute("y", m.box.y0);
    rect.setAttribute("width", m.box.x1 - m.box.x0);
    rect.setAttribute("height", m.box.y1 - m.box.y0);
    rect.setAttribute("opacity", m.opacity);
  }
};

Drawing.prototype.captionBand = function (b, f, before, state) {
  let caption = state.caption;
  let opacity = 1;
  if (b.kind === "unmark" && before.caption) { caption = before.caption; opacity = 1 - f; }
  let remark = state.remark;
  if (b.kind === "remark") opacity = f;
  if (b.kind === "unremark" && before.remark !== null) { remark = before.remark; opacity = 1 - f; }
  let head = "";
  let result = "";
  let label = "";
  if (caption) {
    const arithmetic = caption.arithmetic;
    // The result follows the last " = ", or " ≈ " where the numbers shown are rounded.
    const cut = Math.max(arithmetic.lastIndexOf(" = "), arithmetic.lastIndexOf(" ≈ "));
    head = cut >= 0 ? arithmetic.slice(0, cut + 3) : arithmetic;
    result = cut >= 0 ? arithmetic.slice(cut + 3) : "";
    label = caption.label;
  } else if (remark !== null) {
    head = remark;
  }
  this.set("head", head, (v) => { headEl.textContent = v; });
  this.set("result", result, (v) => { resultEl.textContent = v; });
  this.set("label", label, (v) => { labelEl.textContent = v; });
  this.set("captionOpacity", Math.round(opacity * 100) / 100, (o) => { captionBand.style.opacity = o; });
};

Drawing.prototype.titleBand = function (tl, b, f, before, state, shot) {
  let shown = state.title ? shot : null;
  let opacity = 1;
  if (b.kind === "move" && before.title && b.s > 0) { shown = tl.shots[b.s - 1]; opacity = Math.max(0, 1 - 4 * f); }
  if (b.kind === "reveal") opacity = f;
  const step = shown && shown.kind === "step" ? shown : null;
  this.set("title", step ? step.title : "", (v) => { titleEl.textContent = v; fitTitle(); });
  this.set("formula", step ? step.formula || "" : "", (v) => { formulaEl.textContent = v; fitTitle(); });
  this.set("titleOpacity", Math.round(opacity * 100) / 100, (o) => { titleBand.style.opacity = o; });
  const overview = shown && shown.kind === "takeaways" ? Math.round(opacity * 100) / 100 : 0;
  framings.forEach((framing, k) => {
    const o = framing === this.framing ? overview : 0;
    this.set("overview" + k, o, (v) => framing.overview.setAttribute("opacity", v));
  });
};

// A title too long for the band is drawn smaller (down to 80%); then the formula goes
// to a line of its own.
function fitTitle() {
  titleBand.style.fontSize = "";
  titleBand.classList.remove("wrapped");
  const room = titleBand.clientWidth;
  if (titleBand.scrollWidth <= room + 1) return;
  const scale = Math.max(0.8, room / titleBand.scrollWidth);
  titleBand.style.fontSize = (1.3 * scale).toFixed(3) + "em";
  if (titleBand.scrollWidth > titleBand.clientWidth + 1) titleBand.classList.add("wrapped");
}

Drawing.prototype.notes = function (tl, b, f, before, state) {
  for (const [index, lines] of noteLines) {
    lines.forEach((line, k) => {
      let opacity = index === b.s && k < state.notes ? 1 : 0;
      if (index === b.s && b.kind === "point" && k === state.notes - 1) opacity = f;
      if (index === b.s && b.kind === "unpoint" && k < before.notes) opacity = 1 - f;
      this.set("note" + index + "." + k, Math.round(opacity * 100) / 100, (o) => line.setAttribute("opacity", o));
    });
  }
};
