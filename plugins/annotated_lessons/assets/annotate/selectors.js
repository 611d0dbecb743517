/* From a selection on the lesson page to the selector a lesson writes for it.
   The rules are those of the Python core (core/selection.py and core/anchoring.py); the
   Unicode-dependent work (normalisation, grapheme clusters, which characters are CJK) was
   done at build time and comes in the article's selection view, so nothing here classifies
   a character itself. Offsets are UTF-16 code units, as the DOM counts them. */
(function (root) {
  "use strict";

  const WORD_SCAN = 64;
  const prepared = new WeakMap();

  // Runs [gap, length, ...] of positions inside a grapheme cluster, as absolute starts and ends.
  function innerRuns(flat) {
    const starts = [];
    const ends = [];
    let at = 0;
    for (let k = 0; k + 1 < flat.length; k += 2) {
      at += flat[k];
      starts.push(at);
      at += flat[k + 1];
      ends.push(at);
    }
    return { starts, ends };
  }

  // The index of the last run starting at or before p, or -1.
  function lastAtOrBefore(sorted, p) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  function isHigh(code) {
    return code >= 0xd800 && code <= 0xdbff;
  }

  function isLow(code) {
    return code >= 0xdc00 && code <= 0xdfff;
  }

  function foldPattern(chars) {
    let cls = "";
    for (const c of chars) cls += "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    return new RegExp("[" + cls + "]", "g");
  }

  // The view with what every call needs worked out once: folded text, map, cluster runs, CJK set.
  function prepare(view) {
    let p = prepared.get(view);
    if (p) return p;
    let folded = view.text;
    for (const straight of Object.keys(view.fold || {})) {
      if (view.fold[straight]) folded = folded.replace(foldPattern(view.fold[straight]), straight);
    }
    const after = [];
    const shift = [];
    for (let k = 0; k + 1 < view.map.length; k += 2) {
      after.push(view.map[k]);
      shift.push(view.map[k + 1]);
    }
    const cjk = new Set();
    for (const c of view.cjk || "") cjk.add(c.codePointAt(0));
    p = {
      raw: view.text, text: folded, after, shift, cjk, gaps: view.gaps || [],
      bodyInner: innerRuns(view.body_inner || []), textInner: innerRuns(view.text_inner || []),
    };
    p.bodyLength = bodyOf(p, folded.length);
    // Every match is whole when no position of the body is inside a cluster (most Latin articles).
    p.trivial = !p.bodyInner.starts.length && !/[\ud800-\udfff]/.test(folded);
    prepared.set(view, p);
    return p;
  }

  // Normalised index -> body offset.
  function bodyOf(p, i) {
    const k = lastAtOrBefore(p.after, i);
    return i + (k >= 0 ? p.shift[k] : 0);
  }

  // The first normalised index whose body offset is `offset` or later.
  function indexOf(p, offset) {
    let lo = 0;
    let hi = p.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bodyOf(p, mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Whether body offset `offset` holds a whitespace character (collapsed, dropped, or kept as a space).
  function bodySpace(p, offset) {
    const i = indexOf(p, offset);
    return i >= p.text.length || bodyOf(p, i) !== offset || p.text[i] === " ";
  }

  // Whether body offset `offset` falls between the halves of a surrogate pair.
  function bodyPairMiddle(p, offset) {
    if (offset <= 0 || offset >= p.bodyLength) return false;
    const i = indexOf(p, offset);
    return i < p.text.length && bodyOf(p, i) === offset && isLow(p.text.charCodeAt(i));
  }

  function textPairMiddle(text, i) {
    return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));
  }

  // Floor and ceil to a grapheme cluster boundary, from the runs and the surrogate pairs.
  function floorIn(runs, middle, q) {
    const k = lastAtOrBefore(runs.starts, q);
    if (k >= 0 && q < runs.ends[k]) return runs.starts[k] - 1;
    return middle(q) ? q - 1 : q;
  }

  function ceilIn(runs, middle, q) {
    const k = lastAtOrBefore(runs.starts, q);
    if (k >= 0 && q < runs.ends[k]) return runs.ends[k];
    return middle(q) ? q + 1 : q;
  }

  function bodyBoundary(p, q) {
    return floorIn(p.bodyInner, (r) => bodyPairMiddle(p, r), q) === q;
  }

  function bodyFloor(p, q) {
    return floorIn(p.bodyInner, (r) => bodyPairMiddle(p, r), q);
  }

  function bodyCeil(p, q) {
    return ceilIn(p.bodyInner, (r) => bodyPairMiddle(p, r), q);
  }

  function textFloor(p, q) {
    return floorIn(p.textInner, (r) => textPairMiddle(p.text, r), q);
  }

  function textCeil(p, q) {
    return ceilIn(p.textInner, (r) => textPairMiddle(p.text, r), q);
  }

  function toOffset(value, length) {
    const n = Math.trunc(Number(value));
    if (!Number.isFinite(n)) return n > 0 ? length : 0;
    return Math.max(0, Math.min(n, length));
  }

  // The first body offset at or after `offset` that is not whitespace (the body's length if none).
  function nextSolid(p, offset) {
    let i = indexOf(p, offset);
    if (i < p.text.length && p.text[i] === " ") i += 1;
    return bodyOf(p, i);
  }

  // The body offset just after the last character before `offset` that is not whitespace (0 if none).
  function previousSolidEnd(p, offset) {
    let i = indexOf(p, offset) - 1;
    if (i >= 0 && p.text[i] === " ") i -= 1;
    return i < 0 ? 0 : bodyOf(p, i) + 1;
  }

  // snap(): whitespace left out at both ends, ends widened to cluster boundaries (see core/selection.py).
  function snap(p, start, end) {
    start = toOffset(start, p.bodyLength);
    end = toOffset(end, p.bodyLength);
    if (start > end) [start, end] = [end, start];
    if (bodyPairMiddle(p, start)) start -= 1;
    if (bodyPairMiddle(p, end)) end += 1;
    for (;;) {
      start = Math.min(nextSolid(p, start), end);
      end = Math.max(previousSolidEnd(p, end), start);
      if (start >= end) return null;
      const wideStart = bodyFloor(p, start);
      const wideEnd = bodyCeil(p, end);
      if (bodySpace(p, wideStart)) start = bodyCeil(p, start);
      else if (bodySpace(p, wideEnd - 1)) end = bodyFloor(p, end);
      else return [wideStart, wideEnd];
    }
  }

  // Matching on the folded normalised text, keeping matches whose quote covers whole clusters.
  function whole(p, s, length) {
    if (p.trivial) return true;
    return bodyBoundary(p, bodyOf(p, s)) && bodyBoundary(p, bodyOf(p, s + length - 1) + 1);
  }

  // How many kept matches of `needle` (its quote at `lead`, `length` units long) start before `before`.
  function count(p, needle, lead, length, limit, before) {
    let n = 0;
    let at = p.text.indexOf(needle);
    while (at !== -1 && (before === undefined || at < before)) {
      if (whole(p, at + lead, length)) {
        n += 1;
        if (limit !== undefined && n >= limit) break;
      }
      at = p.text.indexOf(needle, at + 1);
    }
    return n;
  }

  function codeAt(text, i) {
    return text.codePointAt(i);
  }

  function previous(text, i) {
    return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
  }

  function next(text, i) {
    return i < text.length && isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  }

  function codePoints(text) {
    let n = 0;
    for (let i = 0; i < text.length; i = next(text, i)) n += 1;
    return n;
  }

  // One character at a time in CJK text at first, then doubling (anchoring.py's _cjk_step).
  function cjkStep(step) {
    return step <= 4 ? 1 : 1 << (step - 4);
  }

  function isCjkAt(p, i) {
    return i >= 0 && i < p.text.length && p.cjk.has(codeAt(p.text, i));
  }

  // The `words` words before `index`, never starting inside a cluster (anchoring.py's _context_before).
  function contextBefore(p, index, words) {
    const text = p.text;
    let start = index;
    for (let step = 1; step <= words; step++) {
      if (start > 0 && isCjkAt(p, previous(text, start))) {
        for (let k = 0; k < cjkStep(step); k++) {
          if (start === 0 || !isCjkAt(p, previous(text, start))) break;
          start = previous(text, start);
        }
      } else if (start > 0) {
        const limit = previous(text, start);
        start = (limit > 0 ? text.lastIndexOf(" ", limit - 1) : -1) + 1;
        if (p.cjk.size) {
          let j = limit;
          for (let k = 0; k < WORD_SCAN; k++) {
            j = previous(text, j);
            if (j < start) break;
            if (isCjkAt(p, j)) {
              start = next(text, j);
              break;
            }
          }
        }
      }
      if (start === 0) break;
    }
    return text.slice(textCeil(p, start), index);
  }

  // The `words` words after `index`, never ending inside a cluster (anchoring.py's _context_after).
  function contextAfter(p, index, words) {
    const text = p.text;
    let end = index;
    for (let step = 1; step <= words; step++) {
      if (end < text.length && isCjkAt(p, end)) {
        for (let k = 0; k < cjkStep(step); k++) {
          if (end === text.length || !isCjkAt(p, end)) break;
          end = next(text, end);
        }
      } else {
        const first = end < text.length ? next(text, end) : end + 1;
        const found = text.indexOf(" ", first);
        end = found === -1 ? text.length : found;
        if (p.cjk.size) {
          let j = first;
          for (let k = 0; k < WORD_SCAN && j < end; k++) {
            if (isCjkAt(p, j)) {
              end = j;
              break;
            }
            j = next(text, j);
          }
        }
      }
      if (end === text.length) break;
    }
    return text.slice(index, textFloor(p, end));
  }

  // Whether text[start:end] holds one of the gaps (see core/anchoring.py, unstable_gaps).
  function crosses(p, start, end) {
    const k = lastAtOrBefore(p.gaps, start) + 1;
    return k < p.gaps.length && p.gaps[k] < end;
  }

  // The quote as the article has it, with a space kept before a gap.
  function quoteOf(p, first, last) {
    let quote = "";
    let from = first;
    for (let k = lastAtOrBefore(p.gaps, first) + 1; k < p.gaps.length && p.gaps[k] < last; k++) {
      quote += p.raw.slice(from, p.gaps[k]) + " ";
      from = p.gaps[k];
    }
    return quote + p.raw.slice(from, last);
  }

  // The shortest prefix or suffix that makes the match at `target` unique, else its occurrence.
  function disambiguate(p, target, quote) {
    const n = quote.length;
    if (count(p, quote, 0, n, 2) <= 1) return {};
    let best = null;
    let bestLength = Infinity;
    for (let words = 1; words <= 8; words++) {
      const prefix = contextBefore(p, target, words);
      if (prefix && !crosses(p, target - prefix.length, target) && count(p, prefix + quote, prefix.length, n, 2) === 1 && codePoints(prefix) < bestLength) {
        best = { prefix };
        bestLength = codePoints(prefix);
      }
      const suffix = contextAfter(p, target + n, words);
      if (suffix && !crosses(p, target + n, target + n + suffix.length) && count(p, quote + suffix, 0, n, 2) === 1 && codePoints(suffix) < bestLength) {
        best = { suffix };
        bestLength = codePoints(suffix);
      }
      if (best) return best;
    }
    return { occurrence: count(p, quote, 0, n, undefined, target) + 1 };
  }

  // The passage at body [start, end) as a lesson would quote it, or null when nothing is left.
  function selection(view, start, end) {
    const p = prepare(view);
    const span = snap(p, start, end);
    if (!span) return null;
    const first = indexOf(p, span[0]);
    const last = indexOf(p, span[1]);
    const result = { start: span[0], end: span[1], quote: quoteOf(p, first, last) };
    return Object.assign(result, disambiguate(p, first, p.text.slice(first, last)));
  }

  const api = { selection };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.AlAnnotate = Object.assign(root.AlAnnotate || {}, api);
})(typeof window === "object" ? window : null);
