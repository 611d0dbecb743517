/* Annotated lessons: annotate mode. A contributor selects a passage (mouse, touch, or the arrow
   keys as in practice mode), picks a technique, writes the note, and collects drafts; the YAML
   for the lesson file is built by drafts.js, the quote's prefix/suffix/occurrence by selectors.js
   on the article's normalised view (computed at build time by the same code that anchors quotes).
   Drafts are kept in localStorage per lesson file. Offsets are UTF-16 offsets into the article
   element's text, which is exactly the article body. No inline styles (strict CSP). */
(() => {
  const d = document, A = () => window.AlAnnotate, $ = (e, s) => e.querySelector(s), $$ = (e, s) => [...e.querySelectorAll(s)];
  const ON = "al-annotating", FAIR = "-fair-", URL_MAX = 7500;
  const WORD = /[\p{L}\p{N}\p{M}]/u, NOSPACE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u, STOP = /[.!?…。！？]/, CLOSE = /["”’»)\]」』]/;
  let uid = 0;
  const parse = (s, fallback) => { try { return JSON.parse(s); } catch { return fallback; } };

  function setup(box) {
    if (box.alAnnotate) return;
    const root = box.previousElementSibling, art = root && $(root, "article[data-lesson]"), panel = box.nextElementSibling;
    if (!art || !panel || !A()?.selection) return;
    box.alAnnotate = 1;
    art.before(box, panel); // next to the article, and in the focus order between the toolbars and the text
    const n = ++uid, view = parse(box.dataset.view), source = parse(box.dataset.source, null), links = parse(box.dataset.links, null);
    const strings = parse(box.dataset.alUi, {}), isNew = box.dataset.new == "true", path = box.dataset.lessonPath;
    const T = (key, v = {}) => { // the page's language; a count picks its plural form
      let s = strings[key];
      if (s && typeof s == "object") s = s[new Intl.PluralRules(box.closest("[lang]")?.lang || undefined).select(v.count)] ?? s.other;
      return (typeof s == "string" ? s : key).replace(/%\((\w+)\)s/g, (m, k) => k in v ? v[k] : m);
    };
    const key = "al-annotate:" + path + ":" + box.dataset.articlePath, form = $(panel, "form"), f = name => form.elements[name];
    const status = $(panel, ".al-annotate-status"), say = m => { status.textContent = ""; setTimeout(() => { status.textContent = m; }, 30); };
    const names = Object.fromEntries([...f("technique").options].map(o => [o.value, o.dataset.name || o.textContent]));
    const body = art.textContent, toggle = $(box, ".al-annotate-toggle"), help = $(box, ".al-annotate-help");
    help.id ||= "al-annotate-help" + n;
    let st = { drafts: [], title: "", summary: "" }, current = null;
    try { Object.assign(st, JSON.parse(localStorage[key])); } catch { /* nothing kept */ }
    // A draft whose passage is no longer in the article as it was (the article changed) is dropped,
    // and so is one the lesson now has (same passage, same technique): it was pasted and saved.
    const kept = st.drafts.length;
    st.drafts = st.drafts.filter(x => { const s = A().selection(view, x.start, x.end); return s && s.quote == x.quote && Object.assign(x, s); });
    const stale = kept - st.drafts.length, there = inLesson();
    st.drafts = st.drafts.filter(x => !there.some(a => a.s == x.start && a.e == x.end && a.t == (x.technique || null)));
    const landed = kept - stale - st.drafts.length;
    function inLesson() { // the passages the lesson already annotates, as [start, end) and technique (null: fair)
      const S = {};
      for (const h of $$(art, ".al-hl")) {
        const a = offset(h, 0), b = a + h.textContent.length;
        for (const id of h.dataset.annotations.split(" ")) { const x = S[id] ||= [a, b]; x[0] = Math.min(x[0], a); x[1] = Math.max(x[1], b); }
      }
      return Object.entries(S).map(([id, [s, e]]) => {
        const li = $(root, `.al-note[data-annotation="${CSS.escape(id)}"]`);
        return { s, e, t: !li || li.dataset.kind == "clean" ? null : li.dataset.technique };
      });
    }
    const keep = () => { try { st.drafts[0] || st.title || st.summary ? localStorage[key] = JSON.stringify(st) : localStorage.removeItem(key); } catch { /* private mode */ } };
    if (isNew) { if (st.title) f("title").value = st.title; if (st.summary) f("summary").value = st.summary; }
    const q = s => T("“%(text)s”", { text: s.length > 90 ? s.slice(0, 50) + " … " + s.slice(-30) : s });

    // Offsets and DOM points: the article's text nodes in order, UI elements carry none.
    function offset(node, off) {
      if (!art.contains(node)) return art.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING ? 0 : body.length;
      const r = new Range();
      r.setStart(art, 0); r.setEnd(node, off);
      return r.toString().length;
    }
    function point(o) {
      const w = d.createTreeWalker(art, 4);
      let t, last;
      while ((t = w.nextNode())) { if (o <= t.data.length) return [t, o]; o -= t.data.length; last = t; }
      return [last, last.data.length];
    }
    // A selection that starts or ends inside a word is widened to the whole word (in scripts that
    // separate words with spaces): dragging a mouse rarely stops on a word's edge.
    const inWord = i => i > 0 && i < body.length && WORD.test(body[i - 1]) && WORD.test(body[i]) && !NOSPACE.test(body[i - 1] + body[i]);
    function fromSelection() {
      const s = getSelection(), r = s.rangeCount && s.getRangeAt(0);
      if (!r || r.collapsed || !r.intersectsNode(art)) return null;
      let a = offset(r.startContainer, r.startOffset), b = offset(r.endContainer, r.endOffset);
      while (inWord(a)) a--;
      while (inWord(b)) b++;
      return A().selection(view, a, b);
    }

    // Drafts and the current passage are drawn with the Highlight API: the article's markup is untouched.
    function paint() {
      if (!window.Highlight) return;
      const mk = (a, b) => { const r = new Range(); r.setStart(...point(a)); r.setEnd(...point(b)); return r; };
      const on = root.classList.contains(ON);
      CSS.highlights.set("al-draft", new Highlight(...on ? st.drafts.map(x => mk(x.start, x.end)) : []));
      CSS.highlights.set("al-draft-current", new Highlight(...on && current ? [mk(current.start, current.end)] : []));
    }
    function where(s) {
      if (s.prefix != null) return T("It occurs more than once: the words before it, %(text)s, single it out.", { text: q(s.prefix.trim()) });
      if (s.suffix != null) return T("It occurs more than once: the words after it, %(text)s, single it out.", { text: q(s.suffix.trim()) });
      if (s.occurrence != null) return T("It occurs more than once: the YAML picks match number %(number)s.", { number: s.occurrence });
      return T("It occurs once in the article.");
    }
    function show(s) {
      current = s;
      const fig = $(panel, ".al-annotate-passage");
      fig.hidden = !s; $(panel, ".al-annotate-empty").hidden = !!s;
      form.classList.toggle("al-has-passage", !!s); // the fields show once there is a passage to describe
      if (s) { $(fig, "blockquote").textContent = s.quote; $(fig, ".al-annotate-where").textContent = where(s); }
      paint();
    }

    const entry = x => Object.fromEntries(Object.entries({ quote: x.quote, prefix: x.prefix, suffix: x.suffix, occurrence: x.occurrence,
      technique: x.technique || undefined, note: x.note, ask: x.ask || undefined, teacher: x.teacher || undefined }).filter(([, v]) => v != null));
    const sorted = () => [...st.drafts].sort((a, b) => a.start - b.start || b.end - a.end);
    const lists = () => [sorted().filter(x => x.technique).map(entry), sorted().filter(x => !x.technique).map(entry)];
    function yaml() {
      const [t, c] = lists();
      return isNew ? A().lessonYaml({ title: f("title").value.trim(), article: box.dataset.articlePath, summary: f("summary").value.trim() }, t, c)
        : A().snippet(source || {}, t, c);
    }
    const whole = () => isNew ? yaml() : source && A().insertEntries(source, ...lists());
    function issueBody(text) {
      const intro = T("Suggested annotations for %(path)s, drafted on %(page)s:", { path, page: location.href.split("#")[0] });
      const full = intro + "\n\n```yaml\n" + text + "```\n";
      return encodeURIComponent(full).length < URL_MAX ? full : intro + "\n\n" + T("(The YAML is too long for a link: paste it here from the clipboard.)") + "\n";
    }
    function render() {
      const list = $(panel, ".al-drafts-list"), out = $(panel, ".al-drafts-out"), count = st.drafts.length;
      $(panel, ".al-drafts-count").textContent = count ? T("%(count)s draft.", { count }) : T("No drafts yet.");
      list.replaceChildren(...sorted().map((x, i) => {
        const li = d.createElement("li"), b = d.createElement("button"), qq = d.createElement("q");
        qq.textContent = x.quote; qq.lang = art.lang || ""; if (art.dir) qq.dir = art.dir;
        li.append(qq, " ", T("(%(technique)s)", { technique: names[x.technique || FAIR] || x.technique }), " ");
        b.type = "button"; b.className = "al-btn al-remove"; b.textContent = T("Remove");
        b.setAttribute("aria-label", T("Remove draft %(number)s", { number: i + 1 }));
        b.onclick = () => { st.drafts = st.drafts.filter(y => y != x); keep(); render(); say(T("Draft removed.")); (list.querySelector("button") || f("technique")).focus(); };
        li.append(b);
        return li;
      }));
      out.hidden = !count;
      const text = count ? yaml() : "";
      $(panel, ".al-yaml").value = text;
      const copyFile = $(panel, ".al-copy-file");
      if (copyFile) copyFile.hidden = !count || !whole();
      const edit = $(panel, ".al-edit"), issue = $(panel, ".al-issue");
      if (edit && links) {
        let href = links.edit || links.new_file;
        if (!links.edit && links.content_param && count) {
          const more = href + "&" + links.content_param + "=" + encodeURIComponent(text);
          if (more.length < URL_MAX) href = more;
        }
        edit.href = href;
      }
      if (issue && links) {
        issue.href = links.issue + "?" + encodeURIComponent(links.issue_title) + "=" + encodeURIComponent(T("Annotations for %(path)s", { path }))
          + "&" + encodeURIComponent(links.issue_body) + "=" + encodeURIComponent(issueBody(text));
      }
      paint();
    }
    async function copy(text, done) {
      try { await navigator.clipboard.writeText(text); say(done); return true; } catch { /* not allowed here: the old way */ }
      const ta = $(panel, ".al-yaml"), was = ta.value;
      ta.value = text; ta.select();
      let ok = false;
      try { ok = d.execCommand("copy"); } catch { /* refused */ }
      ta.value = was;
      say(ok ? done : T("Copying is not allowed here: select the YAML and copy it yourself."));
      return ok;
    }

    function annotating(on) {
      root.classList.toggle(ON, on);
      if (toggle) toggle.setAttribute("aria-pressed", on);
      help.hidden = !on;
      panel.hidden = !on;
      if (on) {
        $(root, ".al-practice > .al-btn[aria-pressed=true]")?.click(); // practice mode and annotate mode exclude each other
        $(root, ".al-panel:not([hidden]) .al-close")?.click();
        art.tabIndex = 0; art.setAttribute("role", "application"); art.setAttribute("aria-describedby", help.id);
      } else {
        if (!root.classList.contains("al-practising")) { // practice mode, just turned on, has the article now
          art.removeAttribute("tabindex"); art.removeAttribute("role"); art.removeAttribute("aria-describedby");
        }
        current = null;
      }
      try { on && !isNew ? sessionStorage[key] = "on" : sessionStorage.removeItem(key); } catch { /* private mode */ }
      render(); show(on ? current : null);
    }

    form.addEventListener("submit", e => {
      e.preventDefault();
      $$(form, "[aria-invalid]").forEach(x => x.removeAttribute("aria-invalid"));
      const bad = (el, m) => { el.setAttribute("aria-invalid", "true"); el.focus(); say(m); };
      if (!current) return say(T("Select a passage in the article first."));
      if (!f("technique").value) return bad(f("technique"), T("Choose a technique, or mark the passage as fair reporting."));
      if (!f("note").value.trim()) return bad(f("note"), T("Write the note: what the passage does, and how a reader can check it."));
      const t = f("technique").value, x = { ...current, technique: t == FAIR ? null : t, note: f("note").value.trim(),
        ask: f("ask").value.trim(), teacher: f("teacher").value.trim() };
      st.drafts = st.drafts.filter(y => !(y.start == x.start && y.end == x.end && y.technique == x.technique)).concat(x);
      keep();
      ["note", "ask", "teacher"].forEach(k => { f(k).value = ""; });
      f("technique").value = "";
      current = null;
      if (art.contains(getSelection().anchorNode)) getSelection().removeAllRanges();
      render(); show(null);
      say(T("Added to the draft: %(quote)s.", { quote: q(x.quote) }) + " " + T("%(count)s draft.", { count: st.drafts.length }));
    });
    if (isNew) ["title", "summary"].forEach(k => f(k).addEventListener("input", () => { st[k] = f(k).value; keep(); render(); }));
    $(panel, ".al-copy").onclick = () => copy($(panel, ".al-yaml").value, T("The YAML is copied."));
    const copyFile = $(panel, ".al-copy-file");
    if (copyFile) copyFile.onclick = () => copy(whole() || "", T("The whole file is copied."));
    // The host's editor cannot be filled from a link (except a new file on GitHub): the YAML goes on the clipboard first.
    for (const a of $$(panel, ".al-edit, .al-issue")) a.addEventListener("click", () => { copy(a.matches(".al-edit") && !isNew && whole() || $(panel, ".al-yaml").value, T("Copied: paste it in the editor that opens.")); });
    $(panel, ".al-clear").onclick = () => {
      if (!confirm(T("Clear %(count)s draft? It cannot be brought back.", { count: st.drafts.length }))) return;
      st.drafts = []; keep(); render(); say(T("Drafts cleared.")); f("technique").focus();
    };
    $(root, ".al-practice > .al-btn")?.addEventListener("click", () => { if (root.classList.contains("al-practising") && root.classList.contains(ON)) annotating(false); });
    if (toggle) toggle.onclick = () => { annotating(!root.classList.contains(ON)); say(root.classList.contains(ON) ? T("Annotate mode on: select a passage in the article.") : T("Annotate mode off.")); };
    $(panel, ".al-annotate-close")?.addEventListener("click", () => { annotating(false); toggle.focus(); say(T("Annotate mode off.")); });

    // The keyboard selection of practice mode: Left/Right select the previous/next word, Up/Down the
    // previous/next sentence, Shift extends (Left/Up backward, Right/Down forward); Enter goes to the form.
    function units(sentences) {
      const u = [];
      for (let i = 0, j; i < body.length; i = j) {
        j = i + 1;
        if (sentences) {
          if (/\s/.test(body[i])) continue;
          while (j < body.length && !((STOP.test(body[j - 1]) || CLOSE.test(body[j - 1]) && STOP.test(body[j - 2])) && /\s/.test(body[j]) || /\n\s*\n/.test(body.slice(j, j + 2)))) j++;
          u.push([i, j]);
        } else if (WORD.test(body[i])) {
          while (j < body.length && (WORD.test(body[j]) || /[\ud800-\udfff]/.test(body[j]) || /['’\-]/.test(body[j]) && WORD.test(body[j + 1] || ""))) j++;
          u.push([i, j]);
        }
      }
      return u;
    }
    function move(forward, sentences, extend) {
      const u = units(sentences), c = current;
      let a, b;
      if (!c) [a, b] = u[forward ? 0 : u.length - 1] || [];
      else if (extend) {
        a = forward ? c.start : (u.findLast(x => x[0] < c.start) || [c.start])[0];
        b = forward ? (u.find(x => x[1] > c.end) || [, c.end])[1] : c.end;
      } else [a, b] = (forward ? u.find(x => x[0] > c.start && x[0] >= (sentences ? c.start : c.end)) : u.findLast(x => x[0] < c.start)) || [c.start, c.end];
      if (a == null) return;
      const [n1, o1] = point(a), [n2, o2] = point(b);
      getSelection().setBaseAndExtent(n1, o1, n2, o2);
      n2.parentElement.scrollIntoView({ block: "nearest" });
      const s = A().selection(view, a, b);
      show(s);
      if (s) say(q(s.quote));
    }
    art.addEventListener("keydown", e => {
      if (!root.classList.contains(ON) || e.target != art || e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^Arrow/.test(e.key)) move(/Right|Down/.test(e.key), /Up|Down/.test(e.key), e.shiftKey);
      else if (e.key == "Enter") { if (current) f("technique").focus(); else say(T("Select a passage in the article first.")); }
      else return;
      e.preventDefault(); e.stopPropagation();
    });
    // The panel follows the selection once it settles: not while a mouse button or finger is down (on a
    // phone the sheet would grow under the finger), and a moment after touch handles stop moving.
    let pressed = false, settle = 0;
    const follow = () => {
      const s = root.classList.contains(ON) && fromSelection();
      if (!s) return;
      if (!current || s.start != current.start || s.end != current.end) panel.scrollTop = 0; // a new passage: the form's top
      show(s);
      const r = getSelection().rangeCount && getSelection().getRangeAt(0);
      (r?.endContainer.parentElement || art).scrollIntoView({ block: "nearest" }); // above the sheet on a phone
    };
    art.addEventListener("pointerdown", () => { pressed = true; });
    addEventListener("pointerup", () => { if (pressed) { pressed = false; clearTimeout(settle); follow(); } });
    addEventListener("pointercancel", () => { pressed = false; });
    box.alSelection = () => { if (!pressed) { clearTimeout(settle); settle = setTimeout(follow, 250); } };
    box.hidden = false;
    let on = isNew || new URLSearchParams(location.search).has("annotate");
    try { on ||= sessionStorage[key] == "on"; } catch { /* private mode */ }
    annotating(on);
    if (landed) keep();
    const news = [stale && T("%(count)s draft no longer matches the article and was dropped.", { count: stale }),
      landed && T("%(count)s draft is in the lesson file now and was taken off the list.", { count: landed })].filter(Boolean);
    if (news[0]) say(news.join(" "));
  }

  function init() { $$(d, "section.al-annotate").forEach(setup); }
  // While annotating, the article is for selecting: no note opens on a click, J/K do not move between notes.
  d.addEventListener("click", e => { if (e.target.closest?.("." + ON + " article[data-lesson]")) e.stopPropagation(); }, true);
  d.addEventListener("keydown", e => { if (/^Key[JK]$/.test(e.code) && e.target.closest?.("." + ON + " article[data-lesson]")) e.stopPropagation(); }, true);
  d.addEventListener("selectionchange", () => $$(d, "section.al-annotate").forEach(b => b.alSelection?.()));
  // As in lessons.js: the plain page load and document$ both start it; setup() is idempotent.
  if (window.document$) document$.subscribe(init);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})();
