/* Annotated lessons: "Spot it first" practice, answerable self-checks, the student handout.
   Offsets are body offsets in code points: a paragraph's data-start plus the article text
   before the point, [data-lesson-ui] left out. No inline styles (strict CSP). */
(() => {
  const d = document, UI = "[data-lesson-ui]", $ = (e, s) => e.querySelector(s), $$ = (e, s) => [...e.querySelectorAll(s)];
  const el = (t, c, x) => { const e = d.createElement(t); e.className = c; e.textContent = x || ""; return e; };
  const cp = s => s.length - (s.match(/[\udc00-\udfff]/g) || []).length;
  // Every visible string is looked up by its English text in the lesson's data-al-ui (see
  // core/script_strings.py) and only ever set as text; a count picks its plural form.
  const tr = (at, key, v = {}) => {
    const h = at.closest("[data-al-ui]") || d.querySelector("[data-al-ui]");
    let s;
    try { s = (h.alUi ||= JSON.parse(h.dataset.alUi))[key]; } catch { /* no catalogue: English */ }
    if (s && typeof s == "object") s = s[new Intl.PluralRules(h.closest("[lang]")?.lang || undefined).select(v.count)] ?? s.other;
    return (typeof s == "string" ? s : key).replace(/%\((\w+)\)s/g, (m, k) => k in v ? v[k] : m);
  };
  const texts = p => { const w = d.createTreeWalker(p, 4), a = []; for (let t; (t = w.nextNode());) t.parentNode.closest(UI) || a.push(t); return a; };
  const B = (c, x) => { const b = el("button", "al-btn " + c, x); b.type = "button"; return b; };
  const W = ["tag", "near", "extra"], live = ".al-practising:not(.al-checked)";
  let lessons = [], uid = 0;

  function paint() { // tags are drawn with the Highlight API: the article's markup is untouched
    if (!window.Highlight) return;
    const h = W.map(() => []);
    for (const L of lessons) for (const [g, r] of L.ranges()) h[W.indexOf(g)]?.push(r);
    W.forEach((g, i) => CSS.highlights.set("al-" + g, new Highlight(...h[i])));
  }

  function setup(root) {
    const art = $(root, "article[data-lesson]");
    if (!art || root.alp) return;
    root.alp = 1;
    const n = ++uid, key = "al-practice:" + root.dataset.lessonRoot, paras = $$(art, "[data-paragraph]");
    const techs = $$(root, ".al-legend-item[data-technique]").filter(t => t.dataset.technique);
    const T = (key, v) => tr(root, key, v), q = s => T("“%(text)s”", { text: s.length > 70 ? s.slice(0, 67) + "…" : s });
    const list2 = a => a.length ? a.reduce((x, y) => T("%(first)s, %(second)s", { first: x, second: y })) : "";
    const name = id => { const t = techs.find(t => t.dataset.technique == id); return t ? $(t, ".al-legend-name").textContent : id; };
    let st = { on: 0, done: 0, tags: [] }, P, S, last, dlg;
    try { Object.assign(st, JSON.parse(localStorage[key])); } catch { /* nothing kept */ }
    const tab = art.getAttribute("tabindex"), at = $(root, ":scope > .al-legend") || art;
    const help = el("p", "al-help", T("The notes are hidden. Select a passage (in the article, arrow keys select words "
      + "and Shift extends), press Tag selection or T, and choose a technique."));
    help.id = "al-help" + n;
    const bar = el("div", "al-practice"), toggle = B("", T("Spot it first")), printB = B("al-print", T("Print handout"));
    const tagB = B("al-only al-live", T("Tag selection")), checkB = B("al-only al-live al-primary", T("Check my answers"));
    const resetB = B("al-only", T("Start over")), status = el("p", "al-status");
    toggle.setAttribute("aria-pressed", "false");
    status.setAttribute("role", "status");
    bar.setAttribute("data-lesson-ui", "");
    bar.append(toggle, printB, tagB, checkB, resetB, status);
    at.before(help, bar);
    const results = el("section", "al-results"), head = el("h2", ""), score = el("p", "al-score"), list = el("ol", "al-feedback");
    results.setAttribute("data-lesson-ui", "");
    results.setAttribute("aria-labelledby", head.id = "al-res" + n);
    head.tabIndex = -1;
    results.append(head, score, list);
    art.after(results);
    const say = m => { status.textContent = m; };
    const count = () => T("%(count)s tag.", { count: st.tags.length });
    const keep = () => { try { st.on || st.tags[0] ? localStorage[key] = JSON.stringify(st) : localStorage.removeItem(key); } catch { /* private */ } };

    function scan() { // paragraphs as code points; an annotation's span is the min/max of its segments
      if (P) return;
      S = {};
      P = paras.map(p => {
        let s = +p.dataset.start, o = s, a = [];
        for (const t of texts(p)) {
          const h = t.parentNode.closest(".al-hl"), l = cp(t.data);
          for (const id of h ? h.dataset.annotations.split(" ") : []) {
            const x = S[id] || (S[id] = [o, o]);
            x[0] = Math.min(x[0], o); x[1] = Math.max(x[1], o + l);
          }
          a.push(...t.data); o += l;
        }
        return { p, s, e: o, a };
      });
      st.tags = st.tags.filter(t => text(t.s, t.e) == t.x && techs.some(x => x.dataset.technique == t.t));
    }
    const ch = o => { const p = P.find(p => o >= p.s && o < p.e); return p ? p.a[o - p.s] : " "; };
    const text = (a, b) => P.map(p => p.a.slice(Math.max(a, p.s) - p.s, Math.max(0, Math.min(b, p.e) - p.s)).join(""))
      .join(" ").replace(/\s+/g, " ").trim();
    function pos(node, off, end) { // DOM point to body offset, clamped to the article
      const p = (node.nodeType == 1 ? node : node.parentNode).closest("[data-paragraph]"), r = new Range();
      if (p && art.contains(p)) {
        r.setStart(p, 0); r.setEnd(node, off);
        const f = r.cloneContents();
        $$(f, UI).forEach(x => x.remove());
        return +p.dataset.start + cp(f.textContent);
      }
      const i = P.findIndex(x => (r.selectNodeContents(x.p), r.comparePoint(node, off) < 0));
      return i < 0 ? P[P.length - 1].e : end && i ? P[i - 1].e : P[i].s;
    }
    function pt(o, end) { // body offset to DOM point
      const p = P.find(p => end ? o > p.s && o <= p.e : o >= p.s && o < p.e);
      let k = o - p.s;
      for (const t of texts(p.p)) {
        const l = cp(t.data);
        if (k < l || (end && k == l)) { let i = 0; while (k-- > 0) i += t.data.codePointAt(i) > 65535 ? 2 : 1; return [t, i]; }
        k -= l;
      }
    }
    const inArt = s => s.rangeCount && art.contains(s.anchorNode) && art.contains(s.focusNode);
    function selected() { // the selection as a body span, spaces trimmed
      const s = getSelection(), r = s.rangeCount && s.getRangeAt(0);
      if (!r || r.collapsed || !r.intersectsNode(art)) return;
      scan();
      let a = pos(r.startContainer, r.startOffset), b = pos(r.endContainer, r.endOffset, 1);
      while (a < b && /\s/.test(ch(a))) a++;
      while (b > a && /\s/.test(ch(b - 1))) b--;
      return a < b && { s: a, e: b, x: text(a, b) };
    }

    function grade() { // found: a tag overlaps the passage; extra: a tag overlaps none, or a fair passage
      const ov = (a, b) => a.s < b.e && b.s < a.e, A = [], C = [], rows = [];
      let found = 0, right = 0, extra = 0;
      for (const li of $$(root, ".al-note[data-annotation]")) {
        const x = S[li.dataset.annotation];
        if (x) (li.dataset.kind == "clean" ? C : A).push({ s: x[0], e: x[1], li, t: li.dataset.technique });
      }
      for (const a of A) {
        const hits = st.tags.filter(t => ov(t, a)), ok = hits.some(t => t.t == a.t);
        found += !!hits[0]; right += ok;
        rows.push([a.s, hits[0] ? (ok ? "ok" : "near") : "missed", a, hits]);
      }
      for (const t of st.tags) {
        const hits = A.filter(a => ov(t, a)), c = C.find(c => ov(t, c) && !A.some(a => a.s <= Math.max(t.s, c.s) && Math.min(t.e, c.e) <= a.e));
        t.g = c || !hits[0] ? "extra" : hits.some(a => a.t == t.t) ? "ok" : "near";
        if (c || !hits[0]) extra++, rows.push([t.s, "extra", c, [t]]);
      }
      return [rows.sort((x, y) => x[0] - y[0]), T("Found %(found)s of %(total)s (%(right)s with the right technique), "
        + "missed %(missed)s, extra %(extra)s.", { found, total: A.length, right, missed: A.length - found, extra })];
    }
    function row([, g, a, tags]) {
      const li = el("li", "al-fb al-" + g), names = list2(tags.map(t => name(t.t)));
      const label = T({ ok: "Found", near: "Found, other technique", missed: "Missed", extra: "Extra" }[g]);
      li.append(el("strong", "", T("%(label)s: ", { label })), (g == "extra"
        ? T(a ? "you tagged %(quote)s as %(techniques)s, but it is fair reporting:" : "you tagged %(quote)s as %(techniques)s; nothing is marked there.",
          { quote: q(tags[0].x), techniques: names })
        : T(g == "near" ? "%(quote)s is %(technique)s; you tagged it %(techniques)s." : "%(quote)s is %(technique)s.",
          { quote: q(text(a.s, a.e)), technique: name(a.t), techniques: names })) + " ");
      if (a) {
        if (g == "extra") li.append(...$$(a.li, ".al-note-text > *").map(x => x.cloneNode(true)));
        if (a.li.id) li.append(Object.assign(el("a", "", T("Note %(number)s", { number: a.li.value })), { href: "#" + a.li.id }));
      }
      return li;
    }

    function render() {
      const on = !!st.on, done = on && !!st.done;
      root.classList.toggle("al-practising", on);
      root.classList.toggle("al-checked", done);
      toggle.setAttribute("aria-pressed", on);
      if (on && !done) art.tabIndex = 0, art.setAttribute("aria-describedby", "al-help" + n), $(root, ".al-panel:not([hidden]) .al-close")?.click();
      else tab == null ? art.removeAttribute("tabindex") : art.setAttribute("tabindex", tab), art.removeAttribute("aria-describedby");
      list.textContent = score.textContent = "";
      if (on) {
        scan();
        const [rows, total] = grade();
        head.textContent = T(done ? "Your answers" : "Your tags");
        score.textContent = done ? total : st.tags[0] ? "" : T("No tags yet.");
        list.append(...done ? rows.map(row) : st.tags.map(t => el("li", "", list2([q(t.x), name(t.t)]))));
      }
      paint();
    }
    lessons.push({
      root,
      ranges: () => st.on && P ? st.tags.map(t => {
        const r = new Range();
        r.setStart(...pt(t.s)); r.setEnd(...pt(t.e, 1));
        return [st.done ? t.g : "tag", r];
      }) : [],
      sel() { if (st.on && !st.done) { const s = selected(); if (s) last = s; else if (inArt(getSelection())) last = 0; } },
    });

    function choose(from) { // the technique chooser: a modal dialog of buttons
      const s = selected() || last;
      if (!s) return say(T("Select a passage in the article first."));
      if (!dlg) {
        const h = el("h2", "", T("Tag this passage")), choices = el("div", "al-choices");
        dlg = el("dialog", "al-chooser");
        dlg.setAttribute("aria-labelledby", h.id = "al-ch" + n);
        choices.setAttribute("role", "group");
        choices.setAttribute("aria-label", T("Techniques"));
        dlg.append(h, el("p", "al-quote"), choices, B("", T("Cancel")));
        root.append(dlg);
        for (const t of techs) {
          const b = el("button", "al-btn al-choice", name(t.dataset.technique));
          b.prepend($(t, ".al-swatch").cloneNode());
          b.onclick = () => { dlg.close(); add(dlg.s, t.dataset.technique); };
          $(dlg, ".al-choices").append(b);
        }
        dlg.lastChild.onclick = () => dlg.close();
        dlg.onclose = () => dlg.f.focus();
      }
      dlg.s = s; dlg.f = from;
      $(dlg, ".al-quote").textContent = q(s.x);
      dlg.showModal();
    }
    function add(s, t) {
      st.tags = st.tags.filter(x => x.s != s.s || x.e != s.e || x.t != t).concat({ s: s.s, e: s.e, t, x: s.x })
        .sort((a, b) => a.s - b.s || a.e - b.e);
      last = 0; keep(); render();
      if (inArt(getSelection())) getSelection().collapseToEnd();
      say(T("Tagged %(quote)s as %(technique)s.", { quote: q(s.x), technique: name(t) }) + " " + count());
    }
    function move(dir, unit, extend) { // arrows select the next word (Up/Down: on the next line); Shift extends
      const s = getSelection(), was = [s.anchorNode, s.anchorOffset, s.focusNode, s.focusOffset];
      if (!inArt(s)) return s.collapse(paras[0], 0), s.modify("extend", "forward", "word");
      if (extend) s.modify("extend", dir, unit);
      else for (let i = 0, u = unit; i < 4 && (!i || !/[\p{L}\p{N}]/u.test(s)); i++, u = "word") { // skip punctuation
        let back = dir == "backward";
        back ? s.collapseToStart() : s.collapseToEnd();
        s.modify("move", dir, u);
        if (u == "line") s.modify("move", "forward", "word"), back = 0;
        s.modify("extend", back ? "forward" : "backward", "word");
      }
      if (!inArt(s) || s.isCollapsed) s.setBaseAndExtent(...was);
      s.focusNode.parentElement.scrollIntoView({ block: "nearest" });
    }

    toggle.onclick = () => {
      st.on = !st.on; keep(); render();
      say(st.on ? T("Practice on: the notes are hidden.") + " " + count() : T("Practice off: the notes are back."));
    };
    tagB.onclick = () => choose(tagB);
    checkB.onclick = () => { st.done = 1; keep(); render(); head.focus(); say(score.textContent); };
    resetB.onclick = () => { st.tags = []; st.done = last = 0; keep(); render(); say(T("Tags cleared.")); };
    printB.onclick = () => {
      handout(root);
      const h = d.documentElement.classList;
      h.add("al-print-handout");
      addEventListener("afterprint", () => h.remove("al-print-handout"), { once: true });
      print();
    };
    art.addEventListener("keydown", e => {
      const k = e.key;
      if (!st.on || st.done || e.target != art || e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^Arrow/.test(k)) move(/Right|Down/.test(k) ? "forward" : "backward", /Up|Down/.test(k) ? "line" : "word", e.shiftKey);
      else if (/^(Enter|t|T)$/.test(k)) choose(art);
      else return;
      e.preventDefault();
    });
    if (st.on) render();
  }

  function handout(root) { // a name line; after the article a numbered blank per note, with its questions
    if ($(root, ".al-handout")) return;
    const T = (key, v) => tr(root, key, v), sheet = el("section", "al-handout al-handout-notes");
    root.prepend(el("p", "al-handout", T("Name: ____________________ Date: __________")));
    sheet.setAttribute("data-lesson-ui", "");
    sheet.append(el("h2", "", T("Your notes")), el("p", "", T("For each numbered passage: which technique, if any, and which words show it?")), el("ol", ""));
    $(root, ".al-results").after(sheet);
    for (const note of $$(root, ".al-note")) {
      const li = el("li", ""), c = $(note, ".al-check");
      li.value = note.value;
      li.append(el("p", "al-blank", T("Technique:")), ...$$(note, ".al-note-ask, .al-check-question").map(x => x.cloneNode(true)));
      if (c) li.append(Object.assign(el("ol", ""), { type: "A" })), li.lastChild.append(...$$(c, "[data-option]").map(x => el("li", "", x.textContent)));
      li.append(el("div", "al-lines"));
      $(root, ".al-handout-notes > ol").append(li);
    }
  }

  function init() {
    lessons = lessons.filter(L => L.root.isConnected);
    $$(d, ".al-lesson[data-lesson-root]").forEach(setup);
    for (const c of $$(d, ".al-check:not(.al-check-live)")) { // option buttons; the <details> stays for no-script
      c.classList.add("al-check-live");
      for (const li of $$(c, "[data-option]")) {
        li.insertAdjacentHTML("beforeend", '<button type="button" class="al-option" aria-pressed="false"></button>');
        li.lastChild.append(...[...li.childNodes].slice(0, -1));
        $$(li, "a").forEach(a => a.replaceWith(...a.childNodes));
      }
      c.insertAdjacentHTML("beforeend", '<div class="al-check-feedback" aria-live="polite"></div>');
    }
    paint();
  }
  // While practising, the reading mode must not show notes: no note on a click in the article, no J/K.
  d.addEventListener("keydown", e => { if (/^[jk]$/.test(e.key) && $(d, live)) e.stopPropagation(); }, true);
  d.addEventListener("click", e => {
    const t = e.target, b = t.closest?.(".al-check-live .al-option"), c = b?.closest(".al-check"), right = c?.dataset.answer;
    if (t.closest?.(live + " article")) e.stopPropagation();
    if (!b) return;
    for (const x of $$(c, "[data-option]")) {
      x.className = x.dataset.option == right ? "al-right" : x == b.parentNode ? "al-wrong" : "";
      x.firstChild.setAttribute("aria-pressed", x == b.parentNode);
    }
    $(c, ".al-check-feedback").replaceChildren(
      el("p", "al-verdict", b.parentNode.dataset.option == right ? tr(c, "Right.") : tr(c, "Not quite: the answer is %(letter)s.", { letter: String.fromCharCode(64 + +right) })),
      ...[...$(c, "details")?.children || []].slice(2).map(x => x.cloneNode(true)));
  }, true);
  d.addEventListener("selectionchange", () => lessons.forEach(L => L.sel()));
  // As in lessons.js: the plain page load and document$ both start it; init() is idempotent.
  if (window.document$) document$.subscribe(init);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})();
