// Ask any computed cell where it came from: hovering over it (or tapping it) shows
// its label and worked arithmetic, and lights the cells it read. A cell whose op has
// not played yet says so, and keeps its value to itself.

const tip = root.querySelector(".tip");
const tipLabel = tip.querySelector(".tip-label");
const tipArithmetic = tip.querySelector(".tip-arithmetic");
const origins = new Map(data.origins.map((o) => [cellKey(...o.cell), o]));

function Hover(isShown) {
  this.isShown = isShown; // whether a cell's value shows now
  this.key = null;
  this.anchor = null;
  svg.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "touch") this.show(event.target);
  });
  svg.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "touch" && !svg.contains(event.relatedTarget)) this.hide();
  });
  svg.addEventListener("click", (event) => {
    const key = this.keyOf(event.target);
    if (key && key === this.key && this.touched) { this.hide(); return; }
    this.touched = true;
    this.show(event.target);
  });
  document.addEventListener("click", (event) => {
    if (!svg.contains(event.target)) this.hide();
  });
}

Hover.prototype.keyOf = function (target) {
  const key = target && target.getAttribute ? target.getAttribute("data-cell") : null;
  return key && origins.has(key) ? key : null;
};

Hover.prototype.show = function (target) {
  const key = this.keyOf(target);
  if (!key) { this.hide(); return; }
  const origin = origins.get(key);
  const made = this.isShown(key);
  this.key = key;
  this.anchor = target;
  tipLabel.textContent = origin.label;
  tipArithmetic.textContent = made ? origin.arithmetic : say("not_yet");
  tipArithmetic.classList.toggle("pending", !made);
  tip.hidden = false;
  marksLayer.style.opacity = "0.3"; // the op in play steps back while a reader asks
  this.light(origin, target);
  this.place(target);
};

Hover.prototype.refresh = function () {
  if (this.key && this.anchor) this.show(this.anchor);
};

Hover.prototype.hide = function () {
  this.key = null;
  this.anchor = null;
  this.touched = false;
  tip.hidden = true;
  marksLayer.style.opacity = "";
  readsLayer.replaceChildren();
};

// The cells it read, where its step reads them, and the cell itself.
Hover.prototype.light = function (origin, target) {
  readsLayer.replaceChildren();
  for (const [tensor, row, col, mark] of origin.reads) {
    const box = boxOf(tensor, origin.step);
    node("rect", { x: box.col + col, y: box.row + row, width: 1, height: 1, class: "read mark-" + MARK_COLORS[mark] }, readsLayer);
  }
  node("rect", {
    x: target.getAttribute("x") - (target.tagName === "text" ? 0.5 : 0),
    y: target.getAttribute("y") - (target.tagName === "text" ? 0.5 : 0),
    width: 1, height: 1, class: "read mark-out",
  }, readsLayer);
};

// Under the cell, inside the player: on the sheet, what a cell reads lies above it
// and to its left. Over it, if there is no room under it.
Hover.prototype.place = function (target) {
  const frame = root.getBoundingClientRect();
  const cell = target.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  let left = cell.left - frame.left + cell.width / 2 - width / 2;
  left = Math.max(4, Math.min(left, frame.width - width - 4));
  let top = cell.bottom - frame.top + 6;
  if (top + height > frame.height - 4) top = cell.top - frame.top - height - 6;
  tip.style.left = left + "px";
  tip.style.top = Math.max(4, top) + "px";
};
