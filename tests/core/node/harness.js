// Runs the annotate scripts under Node for the Python tests: one JSON request a line on
// stdin, one JSON answer a line on stdout, for as long as the test session lasts.
// Usage: node harness.js SCRIPT... (the scripts as a site ships them, compacted).
"use strict";
const readline = require("readline");

const api = {};
for (const file of process.argv.slice(2)) Object.assign(api, require(file));
const views = new Map();

function resolve(arg) {
  if (arg && typeof arg === "object" && !Array.isArray(arg) && typeof arg.$view === "string") {
    return views.get(arg.$view);
  }
  return arg;
}

function answer(request) {
  if (request.view !== undefined) {
    views.set(request.view, request.value);
    return { ok: null };
  }
  const fn = api[request.fn];
  if (typeof fn !== "function") return { error: "no function " + request.fn };
  try {
    const value = fn(...(request.args || []).map(resolve));
    return { ok: value === undefined ? null : value };
  } catch (err) {
    return { error: String(err && err.stack ? err.stack : err) };
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(answer(JSON.parse(line))) + "\n");
});
