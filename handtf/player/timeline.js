// A storyboard as a timeline: its beats one after another, each from t0 to t1
// seconds, and what the viewer sees after each (the caption, the marks, the notes,
// the title), read from the beats as the video's scene plays them. Where each
// computed cell gets its value, and the places a reader can stop at: after each op
// group, and at the start of each step.

function Timeline(board, cues) {
  const beats = [];
  let t = 0;
  board.shots.forEach((shot, s) => {
    shot.beats.forEach((beat, k) => {
      const seconds = beat.seconds || 0;
      beats.push({ s: s, k: k, beat: beat, kind: beat.kind, t0: t, t1: t + seconds });
      t += seconds;
    });
  });
  this.board = board;
  this.shots = board.shots;
  this.beats = beats;
  this.total = t;

  // What shows after each beat.
  let state = { caption: null, lit: null, notes: 0, remark: null, title: false };
  this.before = [];
  this.after = [];
  for (const b of beats) {
    this.before.push(state);
    state = Object.assign({}, state);
    const beat = b.beat;
    switch (b.kind) {
      case "move": state.title = false; break;
      case "reveal": state.title = true; break;
      case "mark": state.caption = null; state.lit = beat.lit || []; break;
      case "write": case "ask": state.caption = beat.caption; break;
      case "unmark": state.caption = null; state.lit = null; break;
      case "point": state.notes += 1; state.lit = beat.lit || []; break;
      case "unpoint": state.notes = 0; state.lit = null; break;
      case "remark": state.remark = beat.text || ""; break;
      case "unremark": state.remark = null; break;
      case "clear": state = { caption: null, lit: null, notes: 0, remark: null, title: false }; break;
      default: break; // settle, wait: nothing else changes
    }
    this.after.push(state);
  }

  // Where each computed cell's value arrives (the write beat), and settles.
  this.writes = new Map(); // cellKey -> {w, z, write}
  beats.forEach((b, i) => {
    const writes = b.beat.writes || [];
    writes.forEach((write, k) => {
      const key = cellKey(...write.cell);
      if (b.kind === "write" || b.kind === "give") this.writes.set(key, { w: i, z: -1, write: write, k: k, n: writes.length });
      else if (b.kind === "settle" && this.writes.has(key)) this.writes.get(key).z = i;
    });
  });

  // All the matrices and copies shown by each shot, left out or not (the whole sheet).
  this.shownBy = [];
  const shown = new Set();
  board.shots.forEach((shot) => {
    for (const name of shot.shows || []) shown.add(name);
    for (const name of shot.copies || []) shown.add(shot.step_id + "\u0000" + name);
    this.shownBy.push(new Set(shown));
  });
  this.revealAt = board.shots.map((shot, s) => beats.findIndex((b) => b.s === s && b.kind === "reveal"));

  // Stops: the end of each op group (and, to predict, each ask), with the ops done in
  // its step by then; and each step's start, once it is revealed.
  // Held notes are stops too: the moment before they go, with every line up.
  this.stops = [];
  this.stepStops = [];
  const done = board.shots.map(() => 0);
  beats.forEach((b, i) => {
    done[b.s] += b.beat.ops || 0;
    if (i === this.revealAt[b.s]) this.stepStops.push({ t: b.t1, s: b.s, ops: 0, ask: false });
    const next = beats[i + 1];
    const held = next && next.s === b.s && (next.kind === "unpoint" || next.kind === "unremark");
    const lastNotes = b.kind === "wait" && (b.beat.slide_ends || !next || next.s !== b.s) && (this.after[i].notes || this.after[i].remark !== null);
    if ((b.beat.ops || 0) > 0 || b.beat.slide_ends || held || lastNotes) {
      this.stops.push({ t: b.t1, s: b.s, ops: done[b.s], ask: b.kind === "ask", i: i });
    }
  });
  // The ops a reader has seen at each beat: a group's count from the moment its
  // values start to arrive (its write), not once its caption has been read.
  this.seen = [];
  let group = 0;
  beats.forEach((b, i) => {
    if (i === 0 || beats[i - 1].s !== b.s) group = 0;
    let ops = 0;
    if (b.kind === "write" || b.kind === "give") {
      const end = beats.slice(i).find((x) => (x.beat.ops || 0) > 0);
      ops = end ? end.beat.ops : 0;
    }
    this.seen.push({ before: group, after: group + ops });
    group += ops;
  });
  this.opsIn = done;
  // The subtitle showing during each beat, as the video's are: [shot, first, until, text].
  this.cue = beats.map(() => "");
  for (const [s, first, until, text] of cues || []) {
    beats.forEach((b, i) => { if (b.s === s && b.k >= first && b.k < until) this.cue[i] = text; });
  }
  this.allStops = this.stops.concat(this.stepStops).sort((a, b) => a.t - b.t);
}

// The beat playing at t (the one with t0 < t <= t1) and how far it is, 0 to 1.
Timeline.prototype.at = function (t) {
  const beats = this.beats;
  if (t <= 0) return { i: 0, f: 0 };
  let lo = 0;
  let hi = beats.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beats[mid].t1 < t - 1e-9) lo = mid + 1;
    else hi = mid;
  }
  const b = beats[lo];
  const span = b.t1 - b.t0;
  return { i: lo, f: span > 0 ? Math.min(1, Math.max(0, (t - b.t0) / span)) : 1 };
};

Timeline.prototype.nextStop = function (t, steps) {
  const list = steps ? this.stepStops : this.allStops;
  return list.find((stop) => stop.t > t + 1e-6) || null;
};

Timeline.prototype.previousStop = function (t, steps) {
  const list = steps ? this.stepStops : this.allStops;
  let found = null;
  for (const stop of list) if (stop.t < t - 1e-6) found = stop;
  return found;
};

// Where the reader is: the shot, and the ops of its step whose values show by t.
Timeline.prototype.place = function (t) {
  const { i, f } = this.at(t);
  const seen = this.seen[i];
  return { s: this.beats[i].s, ops: f > 0 ? seen.after : seen.before };
};

// The time of a place: step s with ops of its ops done (0: the step just revealed).
Timeline.prototype.timeOf = function (s, ops) {
  const start = this.stepStops.find((stop) => stop.s === s);
  if (!start) return this.total;
  if (ops <= 0) return start.t;
  const inStep = this.stops.filter((x) => x.s === s && !x.ask && x.ops > 0);
  const stop = inStep.find((x) => x.ops >= ops) || inStep[inStep.length - 1];
  return stop ? stop.t : start.t;
};
