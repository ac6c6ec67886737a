// The player: a clock over the timeline, and the reader's controls: play and pause,
// op and step, the scrub bar with the steps on it, speed, detail, predict, the
// whole sheet, the keys, and the place in the URL (#step=3&op=7).

const playButton = root.querySelector("[data-do=play]");
const predictButton = root.querySelector("[data-do=predict]");
const wholeButton = root.querySelector("[data-do=whole]");
const subtitlesButton = root.querySelector("[data-do=subtitles]");
const cueBand = root.querySelector(".cue-band");
const cueEl = cueBand.querySelector(".cue");
const scrub = root.querySelector(".position");
const ticks = root.querySelector(".ticks");
const where = root.querySelector(".where");
const speedSelect = root.querySelector(".speed");
const detailSelect = root.querySelector(".detail");
const answerForm = root.querySelector(".answer");
const answerInput = answerForm.querySelector("input");
const verdict = answerForm.querySelector(".verdict");
const answerLabel = answerForm.querySelector("label");
const revealButton = answerForm.querySelector("button");
const timelines = {};

function timelineOf(name) {
  if (!timelines[name]) {
    const cues = data.cues[name].map(([s, first, until, text]) => [s, first, until, data.cue_texts[text]]);
    timelines[name] = new Timeline(data.boards[name], cues);
  }
  return timelines[name];
}

const player = {
  detail: data.detail,
  predict: false,
  tl: timelineOf(data.detail),
  t: 0,
  playing: false,
  speed: 1,
  whole: false,
  subtitles: false,
  last: null,
  typed: false,
  frames: [], // the time between frames while playing, in ms
  draws: [], // the time each frame took to draw, in ms
};
const drawing = new Drawing();
const hover = new Hover((key) => {
  const w = player.tl.writes.get(key);
  if (!w) return false;
  const { i, f } = player.tl.at(player.t);
  return i > w.w || (i === w.w && f >= 1);
});

function stepCount() {
  return player.tl.shots.filter((s) => s.kind === "step").length;
}

function render() {
  const start = performance.now();
  const drawn = drawing.draw(player.tl, player.t, player.whole);
  scrub.value = player.t;
  const { s, ops } = player.tl.place(player.t);
  const shot = player.tl.shots[s];
  const text = shot.kind === "takeaways" ? say("takeaways") : say("op_of", { op: ops, ops: player.tl.opsIn[s] });
  drawing.set("where", text, (v) => {
    where.textContent = v;
    scrub.setAttribute("aria-valuetext", shot.kind === "takeaways" ? v : `${shot.title}: ${v}`);
  });
  drawing.set("cue", player.subtitles ? player.tl.cue[drawn.i] : "", (v) => { cueEl.textContent = v; });
  hover.refresh();
  if (player.playing) player.draws.push(performance.now() - start);
  return drawn;
}

function seek(t) {
  player.t = Math.max(0, Math.min(player.tl.total, t));
  askIfStopped();
  render();
  remember();
}

// The place in the URL, as a post links to it; a reload keeps it.
function remember() {
  const { s, ops } = player.tl.place(player.t);
  let hash = player.tl.shots[s].kind === "takeaways" ? "#end" : `#step=${s + 1}&op=${ops}`;
  if (player.detail !== data.detail && !player.predict) hash += `&detail=${player.detail}`;
  if (player.predict) hash += "&predict";
  if (location.hash !== hash) {
    try { history.replaceState(null, "", hash); } catch (e) { /* a sandboxed frame may not */ }
  }
}

function recall() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const detail = params.get("detail");
  const predict = params.has("predict");
  choose(predict ? "cell" : ["cell", "row", "step"].includes(detail) ? detail : data.detail, predict);
  if (params.has("end")) return player.tl.total;
  const step = parseInt(params.get("step"), 10);
  if (step > stepCount()) return player.tl.total;
  if (!(step >= 1)) return player.tl.stepStops[0].t;
  const ops = parseInt(params.get("op"), 10);
  return player.tl.timeOf(step - 1, ops >= 0 ? ops : 0);
}

function play(on) {
  if (on && player.t >= player.tl.total - 1e-6) player.t = player.tl.stepStops[0].t;
  player.playing = on;
  player.last = null;
  playButton.classList.toggle("playing", on);
  const name = say(on ? "pause" : "play");
  playButton.setAttribute("aria-label", name);
  playButton.title = name + " (Space)";
  if (on) { answerForm.classList.add("idle"); requestAnimationFrame(tick); }
  remember();
}

// One frame of play: the clock moves at the chosen speed; to predict, it stops at
// each stop (before a value, and once it shows).
function tick(now) {
  if (!player.playing) return;
  if (player.last !== null) {
    const dt = Math.min(0.25, (now - player.last) / 1000);
    player.frames.push(now - player.last);
    if (player.frames.length > 20000) { player.frames.shift(); player.draws.shift(); }
    let next = player.t + dt * player.speed;
    if (player.predict) {
      const stop = player.tl.nextStop(player.t, false);
      if (stop && stop.t <= next) { next = stop.t; player.t = next; play(false); askIfStopped(); render(); return; }
    }
    player.t = Math.min(next, player.tl.total);
  }
  player.last = now;
  render();
  if (player.t >= player.tl.total) { play(false); return; }
  requestAnimationFrame(tick);
}

// To predict: at an ask the answer box shows, and the reader types, then reveals;
// the page marks the answer against the value, or against the value worked from the
// numbers the caption shows (rounded, they may differ in the last place).
const worked = new Map(data.worked.map(([tensor, row, col, value]) => [cellKey(tensor, row, col), value]));
const score = { asked: 0, right: 0 };
const fine = window.matchMedia("(pointer: fine)");

function askedNow() {
  return player.predict ? player.tl.allStops.find((x) => Math.abs(x.t - player.t) < 1e-6 && x.ask) : undefined;
}

function askedWrite(stop) {
  const next = player.tl.beats[stop.i + 1];
  const writes = (next && next.beat.writes) || [];
  return writes.length === 1 ? writes[0] : null;
}

function askIfStopped() {
  const stop = askedNow();
  answerForm.hidden = !player.predict;
  answerForm.classList.toggle("idle", !stop);
  const write = stop ? askedWrite(stop) : null;
  answerLabel.hidden = !write;
  revealButton.hidden = !stop;
  if (stop) {
    verdict.textContent = "";
    verdict.className = "verdict";
    answerInput.value = "";
    if (write && fine.matches) answerInput.focus({ preventScroll: true });
  }
}

function reveal() {
  const stop = askedNow();
  if (!stop) return;
  const write = askedWrite(stop);
  const typed = answerInput.value.trim().replace(",", ".");
  let said = "";
  let tone = "";
  if (write && typed !== "") {
    const number = Number(typed);
    if (!Number.isFinite(number) || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(typed)) {
      verdict.textContent = say("not_a_number");
      verdict.className = "verdict wrong";
      return;
    }
    const half = 0.5 * Math.pow(10, -data.boards.predict.decimals) + 1e-9;
    const key = cellKey(...write.cell);
    const shown = Number(write.text); // as the page shows it, whatever its places
    const right = [write.value, shown, worked.get(key)].some((v) => v !== undefined && Math.abs(number - v) <= half);
    score.asked += 1;
    score.right += right ? 1 : 0;
    said = say(right ? "correct" : "incorrect", { answer: typed, value: write.text }) + " · " + say("score", score);
    tone = right ? "right" : "wrong";
  } else if (write) {
    said = say("revealed", { value: write.text });
  }
  const next = player.tl.nextStop(player.t, false);
  if (next) seek(next.t);
  answerForm.classList.remove("idle");
  verdict.textContent = said;
  verdict.className = "verdict " + tone;
  if (document.activeElement) document.activeElement.blur(); // Enter or → goes on
  revealButton.hidden = true;
}

function go(where) {
  const tl = player.tl;
  const stop = {
    start: () => tl.stepStops[0],
    end: () => ({ t: tl.total }),
    next_op: () => tl.nextStop(player.t, false) || { t: tl.total },
    previous_op: () => tl.previousStop(player.t, false) || tl.stepStops[0],
    next_step: () => tl.nextStop(player.t, true) || { t: tl.total },
    previous_step: () => tl.previousStop(player.t, true) || tl.stepStops[0],
  }[where]();
  play(false);
  seek(stop.t);
}

// Another detail (or predict, which goes cell by cell): the same place in it.
function choose(detail, predict) {
  const { s, ops } = player.tl.place(player.t);
  player.detail = detail;
  player.predict = predict;
  player.tl = timelineOf(predict ? "predict" : detail);
  detailSelect.value = predict ? "cell" : detail;
  detailSelect.disabled = predict;
  predictButton.setAttribute("aria-pressed", String(predict));
  drawTicks();
  player.t = player.tl.timeOf(s, ops);
  if (player.tl.shots[s].kind === "takeaways") player.t = player.tl.total;
}

function drawTicks() {
  scrub.max = player.tl.total;
  ticks.replaceChildren();
  let last = -1;
  for (const stop of player.tl.stepStops) {
    const tick = document.createElement("span");
    const at = stop.t / player.tl.total;
    tick.className = "tick";
    tick.style.left = 100 * at + "%";
    if (at - last > 0.03 && player.tl.shots[stop.s].kind === "step") { // its number, where there is room
      const number = document.createElement("span");
      number.className = "tick-label";
      number.textContent = String(stop.s + 1);
      tick.appendChild(number);
      last = at;
    }
    ticks.appendChild(tick);
  }
}

root.querySelector(".controls").addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  const what = button.dataset.do;
  if (what === "play") play(!player.playing);
  else if (what === "predict") { play(false); choose(player.detail, !player.predict); seek(player.t); }
  else if (what === "whole") {
    player.whole = !player.whole;
    wholeButton.setAttribute("aria-pressed", String(player.whole));
    render();
  } else if (what === "subtitles") {
    player.subtitles = !player.subtitles;
    subtitlesButton.setAttribute("aria-pressed", String(player.subtitles));
    cueBand.hidden = !player.subtitles;
    fitStage();
    render();
  } else go(what);
});
// The scrub bar moves freely while held; let go, it settles on the nearest stop. Once
// a choice is made, the keys go back to the player.
scrub.addEventListener("input", () => seek(Number(scrub.value)));
scrub.addEventListener("change", () => {
  const t = Number(scrub.value);
  const stops = [...player.tl.allStops, { t: player.tl.total }];
  const near = stops.reduce((a, b) => (Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a));
  if (!player.playing) seek(near.t);
  scrub.blur();
});
speedSelect.addEventListener("change", () => { player.speed = Number(speedSelect.value); speedSelect.blur(); });
detailSelect.addEventListener("change", () => { choose(detailSelect.value, false); seek(player.t); detailSelect.blur(); });
answerForm.addEventListener("submit", (event) => { event.preventDefault(); reveal(); });

const KEYS = {
  ArrowLeft: "previous_op", ArrowRight: "next_op", ArrowUp: "previous_step", ArrowDown: "next_step",
  PageUp: "previous_step", PageDown: "next_step", Home: "start", End: "end",
};
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (target === answerInput) {
    if (event.key === "Escape") answerInput.blur();
    if (event.key === "ArrowRight" && answerInput.value === "") { event.preventDefault(); reveal(); }
    return;
  }
  if (target.tagName === "SELECT" || (target === scrub && event.key.startsWith("Arrow"))) return;
  if (event.key === " " || event.key === "Spacebar") {
    event.preventDefault();
    if (askedNow()) reveal();
    else play(!player.playing);
  } else if (event.key === "Enter" && player.predict && !player.playing && target.tagName !== "BUTTON") {
    event.preventDefault();
    if (askedNow()) reveal();
    else go("next_op");
  } else if (own(KEYS, event.key)) {
    event.preventDefault();
    if (event.key === "ArrowRight" && askedNow()) reveal();
    else go(KEYS[event.key]);
  }
});
window.addEventListener("hashchange", () => seek(recall()));

// The sheet as large as the room the rest of the player leaves, in the framing whose
// proportions suit that room best (a phone held upright gets the upright one).
function fitStage() {
  const style = getComputedStyle(root);
  const parts = [...root.children].filter((e) => e !== stage && e !== tip && e.offsetParent !== null);
  const taken = parts.reduce((h, e) => h + e.offsetHeight, 0) + parseFloat(style.rowGap || "0") * parts.length;
  const width = stage.clientWidth;
  const height = Math.max(60, root.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - taken);
  const area = (f) => Math.min(width, height * f.aspect) * Math.min(height, width / f.aspect);
  const best = framings.reduce((a, b) => (area(b) > area(a) * 1.15 ? b : a));
  const w = Math.max(1, Math.min(width, height * best.aspect));
  svg.setAttribute("width", Math.floor(w));
  svg.setAttribute("height", Math.floor(w / best.aspect));
  fitTitle();
  if (best !== drawing.framing) {
    drawing.framing = best;
    render();
  }
}
const resized = new ResizeObserver(fitStage);
for (const part of [root, titleBand, captionBand, cueBand, root.querySelector(".controls")]) resized.observe(part);
fitStage();

detailSelect.value = data.detail;
drawTicks();
seek(recall());
play(false);

// For a page's tests and the bench: where the player is, and its frame times.
window.handtfPlayer = Object.freeze({
  place: () => Object.assign({ t: player.t, total: player.tl.total, playing: player.playing }, player.tl.place(player.t)),
  frames: () => ({ between: player.frames.slice(), drawing: player.draws.slice() }),
});
