/* Drafted annotations as lesson YAML that is always valid, whatever the contributor typed.
   Every value is written in the most readable style that is safe for the project's loader
   (PyYAML, which refuses non-printable characters anywhere in a file): plain, then single
   quotes, then a literal block for Markdown over several lines, then double quotes with
   escapes. What a value loads back as is exactly the text typed, with two exceptions: a
   lone surrogate (half of a character, which no file can hold) is dropped, and a CR LF or
   a lone CR becomes LF (a browser's text box gives LF already). */
(function (root) {
  "use strict";

  // Every English word this script writes into a file, in one place.
  const TEXT = {
    annotationsGo: "# Add at the end of the 'annotations:' list:",
    cleanGo: "# Add at the end of the 'clean:' list (start one with a line 'clean:' at the end of the file if there is none):",
  };

  const KEYS = ["quote", "prefix", "suffix", "occurrence", "technique", "note", "ask", "teacher"];
  const OPTIONAL_TEXT = new Set(["ask", "teacher"]);
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  // What PyYAML reads in a file at all; anything else is written as an escape.
  const ALLOWED = /^[\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
  // Allowed, but read as line breaks (NEL, line and paragraph separators) or hard to see in a
  // review (the byte-order mark, bidirectional controls): also escaped.
  const SHOWN_AS_ESCAPE = /[\x85\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
  const PLAIN = /^\p{L}[\p{L}\p{M}\p{N} ,.;!?()'"\/-]*$/u;
  const RESERVED = /^(y|n|yes|no|true|false|on|off|null)$/i;
  const ESCAPES = { "\\": "\\\\", "\"": "\\\"", "\t": "\\t", "\n": "\\n", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

  // The text as it can be written: lone surrogates dropped, line breaks as LF.
  function cleanText(value) {
    return String(value).replace(LONE_SURROGATE, "").replace(/\r\n?/g, "\n");
  }

  function hex(code, width) {
    return code.toString(16).toUpperCase().padStart(width, "0");
  }

  function doubleQuoted(text) {
    let out = "\"";
    for (const char of text) {
      const code = char.codePointAt(0);
      if (ESCAPES[char]) out += ESCAPES[char];
      else if (ALLOWED.test(char) && !SHOWN_AS_ESCAPE.test(char)) out += char;
      else if (code < 0x100) out += "\\x" + hex(code, 2);
      else if (code < 0x10000) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    }
    return out + "\"";
  }

  function safeChars(text) {
    return ALLOWED.test(text) && !SHOWN_AS_ESCAPE.test(text);
  }

  // A one-line scalar: plain when YAML can only read it as this text, else quoted.
  function inline(text) {
    if (PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(" ")) return text;
    if (safeChars(text) && !text.includes("\n") && !text.includes("\t")) return "'" + text.replace(/'/g, "''") + "'";
    return doubleQuoted(text);
  }

  // Whether a text over several lines reads back unchanged from a literal block.
  function literalSafe(text) {
    if (!safeChars(text) || text.endsWith("\n\n") || text.includes("\t")) return false;
    const lines = text.replace(/\n$/, "").split("\n");
    return lines[0] !== "" && lines.every((line) => line === "" || !line.startsWith(" "));
  }

  // `head` (an indented `key:`) with the value, as lines; block content is indented by `inner`.
  function scalarLines(head, text, inner) {
    if (text.includes("\n") && literalSafe(text)) {
      const keep = text.endsWith("\n");
      const body = (keep ? text.slice(0, -1) : text).split("\n");
      return [head + (keep ? " |" : " |-"), ...body.map((line) => (line ? inner + line : ""))];
    }
    return [head + " " + inline(text)];
  }

  function present(entry, key) {
    const value = entry[key];
    if (value === undefined || value === null) return false;
    return !(OPTIONAL_TEXT.has(key) && value === "");
  }

  // One block-sequence item for an annotation or a fair passage, each line after `indent`
  // (but the blank lines of a literal block, left empty).
  function entryYaml(entry, indent) {
    indent = indent || "";
    const lines = [];
    for (const key of KEYS) {
      if (!present(entry, key)) continue;
      const head = (lines.length ? indent + "  " : indent + "- ") + key + ":";
      if (key === "occurrence") {
        const n = Number(entry[key]);
        if (Number.isInteger(n) && n >= 1) lines.push(head + " " + n);
        continue;
      }
      lines.push(...scalarLines(head, cleanText(entry[key]), indent + "    "));
    }
    return lines.map((line) => line + "\n").join("");
  }

  function items(entries, indent, newline) {
    return (entries || []).map((e) => entryYaml(e, indent)).join("").replace(/\n/g, newline);
  }

  // A whole lesson file for an article that has none yet.
  function lessonYaml(fields, techniqueEntries, cleanEntries) {
    const lines = [];
    for (const key of ["title", "article", "summary"]) {
      lines.push(...scalarLines(key + ":", cleanText(fields[key] || ""), "  "));
    }
    let out = lines.map((line) => line + "\n").join("");
    out += techniqueEntries && techniqueEntries.length ? "annotations:\n" + items(techniqueEntries, "  ", "\n") : "annotations: []\n";
    if (cleanEntries && cleanEntries.length) out += "clean:\n" + items(cleanEntries, "  ", "\n");
    return out;
  }

  // The lesson file with the new items at the end of its lists, or null when it cannot be edited as text.
  function insertEntries(source, techniqueEntries, cleanEntries) {
    const text = source.text;
    const newline = source.newline || "\n";
    const absent = new Set(source.absent || []);
    const edits = [];
    let appended = "";
    const lists = [["annotations", techniqueEntries], ["clean", cleanEntries]];
    for (const [key, entries] of lists) {
      if (!entries || !entries.length) continue;
      const place = source[key];
      if (place) {
        const lead = place.at > 0 && text[place.at - 1] !== "\n" ? newline : "";
        edits.push([place.at, lead + items(entries, place.indent, newline)]);
      } else if (absent.has(key)) {
        appended += key + ":" + newline + items(entries, "  ", newline);
      } else {
        return null;
      }
    }
    let out = text;
    // From the last place to the first, so each offset still points into the original text.
    edits.sort((a, b) => b[0] - a[0]);
    for (const [at, insert] of edits) out = out.slice(0, at) + insert + out.slice(at);
    if (appended) out += (out === "" || out.endsWith("\n") ? "" : newline) + appended;
    return out;
  }

  // What to paste by hand: the new items of each list under a comment saying where they go.
  function snippet(source, techniqueEntries, cleanEntries) {
    const indent = (key) => (source && source[key] ? source[key].indent : "  ");
    let out = "";
    if (techniqueEntries && techniqueEntries.length) {
      out += TEXT.annotationsGo + "\n" + items(techniqueEntries, indent("annotations"), "\n");
    }
    if (cleanEntries && cleanEntries.length) {
      out += (out ? "\n" : "") + TEXT.cleanGo + "\n" + items(cleanEntries, indent("clean"), "\n");
    }
    return out;
  }

  const api = { entryYaml, lessonYaml, insertEntries, snippet };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.AlAnnotate = Object.assign(root.AlAnnotate || {}, api);
})(typeof window === "object" ? window : null);
