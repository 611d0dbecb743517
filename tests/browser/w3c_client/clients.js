// The two kinds of W3C anchoring client the lesson pages must work with, bundled for the browser test:
// Apache Annotator (exact TextQuoteSelector and code-point TextPositionSelector matching) and
// dom-anchor-text-quote (the fuzzy, diff-match-patch quote search that Hypothesis uses).
// Every result is [start, end] in UTF-16 units of root.textContent, the unit a page's Range counts in.
import {
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
} from "@apache-annotator/dom";
import * as fuzzy from "dom-anchor-text-quote";

function offsetOf(root, node, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function extent(root, range) {
  return [offsetOf(root, range.startContainer, range.startOffset), offsetOf(root, range.endContainer, range.endOffset)];
}

async function all(matches, root) {
  const found = [];
  for await (const range of matches) found.push(extent(root, range));
  return found;
}

function failure(error) {
  return { error: String(error && error.message ? error.message : error) };
}

export async function apacheQuote(root, selector) {
  try {
    return await all(createTextQuoteSelectorMatcher(selector)(root), root);
  } catch (error) {
    return failure(error);
  }
}

export async function apachePosition(root, selector) {
  try {
    return await all(createTextPositionSelectorMatcher(selector)(root), root);
  } catch (error) {
    return failure(error);
  }
}

export function fuzzyQuote(root, selector, hint) {
  try {
    const found = fuzzy.toTextPosition(root, selector, { hint });
    return found === null ? [] : [[found.start, found.end]];
  } catch (error) {
    return failure(error);
  }
}

// Where the page highlights an annotation: from the start of its first highlighted stretch to the end of its last.
export function highlighted(root, id) {
  const parts = root.querySelectorAll(`[data-annotations~="${CSS.escape(id)}"]`);
  if (parts.length === 0) return null;
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEndBefore(parts[0]);
  const start = range.toString().length;
  range.setEndAfter(parts[parts.length - 1]);
  return [start, range.toString().length];
}
