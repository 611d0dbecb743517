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
  const W = ["tag", "ok", "near", "extra"], live = ".al-practising:not(.al-checked)";
  const WORD = /[\p{L}\p{N}\p{M}]/u, STOP = /[.!?…]/, CLOSE = /["”’»)\]]/;
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
    const T = (key, v) => tr(root, key, v), q = s => T("“%(text)s”", { text: s.length > 70 ? s.slice(0, 40) + " … " + s.slice(-25) : s });
    const list2 = a => a.length ? a.reduce((x, y) => T("%(first)s, %(second)s", { first: x, second: y })) : "";
    const name = id => { const t = techs.find(t => t.dataset.technique == id); return t ? $(t, ".al-legend-name").textContent : id; };
    let st = { on: 0, done: 0, tags: [] }, P, S, last, dlg;
    try { Object.assign(st, JSON.parse(localStorage[key])); } catch { /* nothing kept */ }
    const tab = art.getAttribute("tabindex"), at = $(root, ":scope > .al-legend") || art;
    const help = el("p", "al-help", T("The notes are hidden. Find the passages that use a technique and tag them. In the article, "
      + "the arrow keys select a word (Up and Down: a sentence), Shift with an arrow extends the selection, and Enter or T "
      + "tags it. With a mouse, select the words and press Tag selection."));
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
    // The key's scope (the lesson's key_scope): only its techniques are scored, and a partial key
    // does not count a tag where nothing is marked as wrong. The statement is the template's.
    const said = $(root, ".al-key-scope"), inScope = t => !root.dataset.keyTechniques || root.dataset.keyTechniques.split(" ").includes(t);
    const printR = B("al-print-results", T("Print my results"));
    results.append(el("p", "al-name", T("Name: ____________________ Date: __________")), head, score);
    if (said) said.hidden = false, results.append(said);
    results.append(list, printR);
    art.after(results);
    printR.onclick = () => {
      const h = d.documentElement.classList;
      h.add("al-print-res");
      addEventListener("afterprint", () => h.remove("al-print-res"), { once: true });
      print();
    };
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
    function units(sentences) { // words, or sentences, as [start, end) body offsets in reading order
      const u = [];
      for (const { s: o, a } of P) for (let i = 0, j; i < a.length; i = j) {
        j = i + 1;
        if (sentences) {
          if (/\s/.test(a[i])) continue;
          while (j < a.length && !((STOP.test(a[j - 1]) || CLOSE.test(a[j - 1]) && STOP.test(a[j - 2])) && /\s/.test(a[j]))) j++;
          u.push([o + i, o + j]);
        } else if (WORD.test(a[i])) {
          while (j < a.length && (WORD.test(a[j]) || /['’\-]/.test(a[j]) && WORD.test(a[j + 1] || ""))) j++;
          u.push([o + i, o + j]);
        }
      }
      return u;
    }
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
      let found = 0, right = 0, extra = 0, off = 0;
      for (const li of $$(root, ".al-note[data-annotation]")) {
        const x = S[li.dataset.annotation], c = li.dataset.kind == "clean";
        if (x && (c || inScope(li.dataset.technique))) (c ? C : A).push({ s: x[0], e: x[1], li, t: li.dataset.technique });
      }
      for (const a of A) {
        const hits = st.tags.filter(t => ov(t, a)), ok = hits.some(t => t.t == a.t);
        found += !!hits[0]; right += ok;
        rows.push([a.s, hits[0] ? (ok ? "ok" : "near") : "missed", a, hits]);
      }
      for (const t of st.tags) {
        const hits = A.filter(a => ov(t, a)), c = C.find(c => ov(t, c) && !A.some(a => a.s <= Math.max(t.s, c.s) && Math.min(t.e, c.e) <= a.e));
        t.g = c || !hits[0] ? "extra" : hits.some(a => a.t == t.t) ? "ok" : "near";
        // Outside the key (another technique, or where a partial key marks nothing): not scored, not wrong.
        if (hits[0] ? 0 : !inScope(t.t) || !c && root.dataset.keyComplete == "false") t.g = "off", off++, rows.push([t.s, "off", 0, [t]]);
        else if (c || !hits[0]) extra++, rows.push([t.s, "extra", c, [t]]);
      }
      return [rows.sort((x, y) => x[0] - y[0]), T("Found %(found)s of %(total)s (%(right)s with the right technique), "
        + "missed %(missed)s, extra %(extra)s.", { found, total: A.length, right, missed: A.length - found, extra })
        + (off ? " " + T("%(count)s tag not scored.", { count: off }) : "")];
    }
    function row([, g, a, tags]) {
      const li = el("li", "al-fb al-" + g), names = list2(tags.map(t => name(t.t)));
      const label = T({ ok: "Found", near: "Found, other technique", missed: "Missed", extra: "Extra", off: "Not scored" }[g]);
      li.append(el("strong", "", T("%(label)s: ", { label })), (g == "off"
        ? T("you tagged %(quote)s as %(techniques)s; this key does not score it.", { quote: q(tags[0].x), techniques: names })
        : g == "extra"
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
      // While practising, the article is one Tab stop that takes the arrow keys itself: a screen
      // reader hands them over in an application, and hears the help as its description.
      if (on && !done) {
        art.tabIndex = 0; art.setAttribute("role", "application"); art.setAttribute("aria-describedby", "al-help" + n);
        $(root, ".al-panel:not([hidden]) .al-close")?.click();
      } else {
        tab == null ? art.removeAttribute("tabindex") : art.setAttribute("tabindex", tab);
        art.removeAttribute("aria-describedby"); art.removeAttribute("role");
      }
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
        return [st.done && t.g != "off" ? t.g : "tag", r];
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
        dlg.setAttribute("aria-describedby", "al-chq" + n); // the passage it tags is heard with its name
        choices.setAttribute("role", "group");
        choices.setAttribute("aria-label", T("Techniques"));
        dlg.append(h, Object.assign(el("p", "al-quote"), { id: "al-chq" + n }), choices, B("", T("Cancel")));
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
    // The keyboard selection works on words and sentences of the text, not on screen lines, so it
    // is the same for every layout and every screen reader: Left/Right select the previous/next
    // word, Up/Down the previous/next sentence; with Shift, Left/Up extend the selection backward
    // and Right/Down forward. The selected words are announced in the status line.
    function move(forward, sentences, extend) {
      scan();
      const g = getSelection(), at = inArt(g) && g.isCollapsed && pos(g.focusNode, g.focusOffset); // a caret, as after tagging
      const u = units(sentences), c = inArt(g) && (selected() || at !== false && { s: at, e: at });
      let a, b;
      if (!c) [a, b] = u[forward ? 0 : u.length - 1] || [];
      else if (extend) {
        a = forward ? c.s : (u.findLast(x => x[0] < c.s) || [c.s])[0];
        b = forward ? (u.find(x => x[1] > c.e) || [, c.e])[1] : c.e;
      } else [a, b] = (forward ? u.find(x => x[0] > c.s && x[0] >= (sentences ? c.s : c.e)) : u.findLast(x => x[0] < c.s)) || [c.s, c.e];
      if (a == null) return;
      const [n1, o1] = pt(a), [n2, o2] = pt(b, 1);
      getSelection().setBaseAndExtent(n1, o1, n2, o2);
      n2.parentElement.scrollIntoView({ block: "nearest" });
      say(q(text(a, b)));
    }

    toggle.onclick = () => {
      st.on = !st.on; keep(); render();
      say(st.on ? T("Practice on: the notes are hidden.") + " " + count() : T("Practice off: the notes are back."));
    };
    tagB.onclick = () => choose(tagB);
    checkB.onclick = () => { st.done = 1; keep(); render(); head.focus(); say(score.textContent); }; // heard: the heading, then the score
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
      if (/^Arrow/.test(k)) move(/Right|Down/.test(k), /Up|Down/.test(k), e.shiftKey);
      else if (k == "Enter" || /^KeyT$/.test(e.code)) choose(art); // T by its place on the keyboard, any layout
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
      // A group named by its question; each option a toggle button whose name starts with its letter.
      const qn = $(c, ".al-check-question");
      c.classList.add("al-check-live");
      c.setAttribute("role", "group");
      if (qn) c.setAttribute("aria-labelledby", qn.id ||= "al-q" + ++uid);
      for (const li of $$(c, "[data-option]")) {
        const b = el("button", "al-option");
        b.type = "button";
        b.setAttribute("aria-pressed", "false");
        b.append(el("span", "al-letter", String.fromCharCode(64 + +li.dataset.option) + "."), " ", ...li.childNodes);
        $$(b, "a").forEach(a => a.replaceWith(...a.childNodes));
        li.append(b);
      }
      const fb = el("div", "al-check-feedback");
      fb.setAttribute("aria-live", "polite");
      c.append(fb);
    }
    paint();
  }
  // While practising, the reading mode must not show notes: no note on a click in the article, no J/K.
  d.addEventListener("keydown", e => { if (/^Key[JK]$/.test(e.code) && e.target.closest?.(live)) e.stopPropagation(); }, true);
  d.addEventListener("click", e => {
    const t = e.target, b = t.closest?.(".al-check-live .al-option"), c = b?.closest(".al-check"), right = c?.dataset.answer;
    if (t.closest?.(live + " article")) e.stopPropagation();
    if (!b) return;
    for (const x of $$(c, "[data-option]")) {
      x.className = x.dataset.option == right ? "al-right" : x == b.parentNode ? "al-wrong" : "";
      x.firstChild.setAttribute("aria-pressed", x == b.parentNode);
    }
    const said = x => x.textContent.replace(/\s+/g, " ").trim(), good = $(c, `[data-option="${right}"] .al-option`);
    $(c, ".al-check-feedback").replaceChildren(
      el("p", "al-verdict", b == good ? tr(c, "Right: %(option)s.", { option: said(b) })
        : tr(c, "Not quite: you chose %(choice)s. The answer is %(option)s.", { choice: said(b), option: good ? said(good) : right })),
      ...[...$(c, "details")?.children || []].slice(2).map(x => x.cloneNode(true)));
    const task = c.closest("[data-rate-task]");
    if (task) { // the rating task, scored on both sides: trusting what holds up, doubting what does not
      const r = [0, 0, 0, 0];
      for (const x of $$(task, ".al-check")) {
        const k = x.dataset.rating == "unsupported" ? 2 : 0;
        r[k + 1]++; r[k] += $(x, "[aria-pressed=true]")?.parentNode.dataset.option == x.dataset.answer;
      }
      $(task, ".al-rate-score").textContent = tr(task, "Trusted rightly: %(trusted)s of %(sound)s passages that hold up. "
        + "Doubted rightly: %(doubted)s of %(unsound)s that do not.", { trusted: r[0], sound: r[1], doubted: r[2], unsound: r[3] });
    }
  }, true);
  d.addEventListener("selectionchange", () => lessons.forEach(L => L.sel()));
  // As in lessons.js: the plain page load and document$ both start it; init() is idempotent.
  if (window.document$) document$.subscribe(init);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})();
