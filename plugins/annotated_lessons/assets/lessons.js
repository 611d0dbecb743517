/* Annotated lessons: reading mode. A click, tap, Enter or Space on a marker or highlight shows
   its notes in a panel (beside the text on wide screens, a bottom sheet on phones); J/K move
   between notes while focus is in the lesson (a toolbar button turns them off); the legend
   filters by technique (kept in ?only=); #ann-<id> opens a note.
   Works without JavaScript too: the markers link to the numbered notes after the article. */
(() => {
  const d = document, $ = (e, s) => e.querySelector(s), $$ = (e, s) => [...e.querySelectorAll(s)];
  const LI = ".al-legend-item[data-technique]:not([data-technique=''])"; // fair passages are not a filter
  const KEYS = "al-keys"; // localStorage: "off" when the reader turned single-key shortcuts off
  // Every visible string is looked up by its English text in the lesson's data-al-ui (see
  // core/script_strings.py) and only ever set as text; a count picks its plural form.
  const tr = (at, key, v = {}) => {
    const h = at.closest("[data-al-ui]") || d.querySelector("[data-al-ui]");
    let s;
    try { s = (h.alUi ||= JSON.parse(h.dataset.alUi))[key]; } catch { /* no catalogue: English */ }
    if (s && typeof s == "object") s = s[new Intl.PluralRules(h.closest("[lang]")?.lang || undefined).select(v.count)] ?? s.other;
    return (typeof s == "string" ? s : key).replace(/%\((\w+)\)s/g, (m, k) => k in v ? v[k] : m);
  };
  const make = (tag, props, ...kids) => { const e = Object.assign(d.createElement(tag), props); e.append(...kids); return e; };
  const keysOn = () => { try { return localStorage[KEYS] != "off"; } catch { return true; } };
  let uid = 0;

  function setup(root) {
    if (root.alr) return;
    root.alr = 1;
    const art = $(root, "article[data-lesson]");
    if (!art) return;
    const n = ++uid, notes = $$(root, ".al-note-list > li.al-note"), order = notes.map(x => x.dataset.annotation);
    const note = id => notes.find(x => x.dataset.annotation == id);
    const markers = {}, segs = {};
    $$(art, "a.al-marker").forEach(m => {
      markers[m.dataset.annotation] = m;
      m.setAttribute("role", "button");
      m.setAttribute("aria-controls", "al-panel" + n);
    });
    $$(art, ".al-hl").forEach(s => s.dataset.annotations.split(" ").forEach(id => (segs[id] = segs[id] || []).push(s)));
    const techOf = id => (note(id) || {}).dataset?.technique || "";
    const nameOf = id => $(note(id), ".al-note-head")?.textContent || "";

    // Toolbar: previous/next note, where we are, and the switch for the single-key shortcuts.
    const bar = make("div", { className: "al-toolbar" });
    bar.setAttribute("data-lesson-ui", "");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", tr(root, "Notes"));
    const button = (label, cls) => make("button", { type: "button", className: "al-btn " + cls }, tr(root, label));
    const where = make("span", { className: "al-where" }), keysB = button("Keys: J next, K previous, Esc close", "al-keys");
    where.setAttribute("aria-hidden", "true");
    const shortcuts = () => {
      keysB.setAttribute("aria-pressed", keysOn());
      [prevB, nextB].forEach((b, i) => keysOn() ? b.setAttribute("aria-keyshortcuts", "JK"[1 - i]) : b.removeAttribute("aria-keyshortcuts"));
    };
    const prevB = button("Previous note", ""), nextB = button("Next note", "");
    bar.append(prevB, nextB, where, keysB);
    art.before(bar);

    // The panel: a labelled complementary region, not modal, right after the toolbar so it sits
    // next to Previous/Next in the focus order. Notes are moved into it while open (and back
    // after), so ids, links and self-checks keep working and nothing is duplicated.
    const panel = make("aside", { className: "al-panel", hidden: true, id: "al-panel" + n });
    panel.setAttribute("data-lesson-ui", "");
    panel.setAttribute("aria-labelledby", "al-panel-title" + n);
    const closeB = make("button", { type: "button", className: "al-close" }, "×");
    closeB.setAttribute("aria-label", tr(root, "Close notes"));
    const title = make("h2", { id: "al-panel-title" + n, tabIndex: -1 }), list = make("ol", { className: "al-panel-notes" });
    const news = make("p", { className: "al-sr" }); // heard when stepping while the heading keeps focus
    news.setAttribute("aria-live", "polite");
    panel.append(make("div", { className: "al-panel-head" }, title, closeB), news, list);
    bar.after(panel);
    let open = [], opener = null, homes = [];

    const techs = () => $$(root, LI).map(li => li.dataset.technique);
    // ?only= ids that are not techniques of this lesson are ignored; if none is left, nothing is filtered.
    const only = () => { const all = techs(); return (new URL(location.href).searchParams.get("only") || "").split(",").filter(t => all.includes(t)); };
    const hidden = () => { const on = only(); return new Set(on.length ? techs().filter(t => !on.includes(t)) : []); };
    const visible = id => !hidden().has(techOf(id));

    function restore() {
      homes.forEach(([x, mark]) => { mark.replaceWith(x); });
      homes = [];
      $$(art, ".al-active").forEach(s => s.classList.remove("al-active"));
    }

    function place(ids) { // scroll so the whole passage is clear of the header and of a bottom panel
      const rs = ids.flatMap(id => [...segs[id] || [markers[id]]].filter(Boolean)).flatMap(s => [...s.getClientRects()]);
      if (!rs.length) return;
      const top = Math.min(...rs.map(r => r.top)), bottom = Math.max(...rs.map(r => r.bottom)), right = Math.max(...rs.map(r => r.right));
      const p = panel.getBoundingClientRect(), head = Math.max(0, d.querySelector(".md-header")?.getBoundingClientRect().bottom || 0) + 8;
      const limit = (p.top > innerHeight / 3 && p.left < right ? p.top : innerHeight) - 8;
      if (top >= head && bottom <= limit) return;
      scrollBy(0, top - head - Math.max(0, (limit - head - (bottom - top)) / 2));
    }

    function show(ids, from) {
      ids = ids.filter(visible);
      if (!ids.length) return;
      restore();
      open = ids;
      opener = from || markers[ids[0]];
      for (const id of ids) {
        const x = note(id), mark = d.createComment("al-note");
        x.replaceWith(mark);
        homes.push([x, mark]);
        list.append(x);
        (segs[id] || []).forEach(s => s.classList.add("al-active"));
      }
      const first = order.indexOf(ids[0]) + 1, had = d.activeElement == title;
      title.textContent = ids.length > 1 ? tr(root, "%(count)s note on this passage", { count: ids.length })
        : tr(root, "Note %(number)s of %(total)s: %(technique)s", { number: first, total: order.length, technique: nameOf(ids[0]) });
      where.textContent = tr(root, "%(number)s / %(total)s", { number: first, total: order.length });
      panel.hidden = false;
      root.classList.add("al-open");
      place(ids);
      title.focus({ preventScroll: true });
      news.textContent = had ? title.textContent : ""; // focus did not move, so nothing else would be heard
    }

    function hide() { // the focus goes back to the opener only from the panel: a filter or a mode keeps its own
      if (panel.hidden) return;
      const back = panel.contains(d.activeElement) || d.activeElement == d.body;
      restore();
      panel.hidden = true;
      root.classList.remove("al-open");
      if (back && opener && opener.isConnected) opener.focus(); // scrolled into view if it is off-screen
      open = [];
    }

    function step(delta) {
      const ids = order.filter(visible);
      if (!ids.length) return;
      const at = open.length ? ids.indexOf(open[0]) : -1;
      const next = at < 0 ? ids[delta > 0 ? 0 : ids.length - 1] : ids[(at + delta + ids.length) % ids.length];
      show([next], markers[next]);
      history.replaceState(history.state, "", "#ann-" + next);
    }

    art.addEventListener("click", e => {
      const m = e.target.closest("a.al-marker");
      const s = m ? null : e.target.closest(".al-hl");
      if (!m && !s) return;
      if (!m && String(getSelection() || "").length) return; // the reader is selecting text
      e.preventDefault();
      e.stopPropagation(); // Material's instant navigation would follow the marker's link and take focus
      const ids = m ? [m.dataset.annotation] : s.dataset.annotations.split(" ");
      show(ids, m || markers[ids[0]]);
    });
    art.addEventListener("keydown", e => {
      const m = e.target.closest("a.al-marker");
      if (m && e.key == " ") { e.preventDefault(); show([m.dataset.annotation], m); }
    });
    closeB.addEventListener("click", hide);
    prevB.addEventListener("click", () => step(-1));
    nextB.addEventListener("click", () => step(1));
    keysB.addEventListener("click", () => {
      try { keysOn() ? localStorage[KEYS] = "off" : localStorage.removeItem(KEYS); } catch { /* private mode */ }
      $$(d, "[data-lesson-root]").forEach(r => r.alKeys && r.alKeys());
    });
    shortcuts();

    // Legend: each technique becomes a toggle button; the choice lives in ?only=.
    $$(root, LI).forEach(li => {
      const b = d.createElement("button");
      b.type = "button";
      b.className = "al-filter";
      b.dataset.technique = li.dataset.technique;
      const a = $(li, "a");
      b.append(...(a || li).childNodes);
      li.replaceChildren(b);
      b.addEventListener("click", () => {
        const all = techs(), on = new Set(only().length ? only() : all), t = b.dataset.technique;
        on.has(t) ? on.delete(t) : on.add(t);
        const url = new URL(location.href);
        if (on.size == all.length || !on.size) url.searchParams.delete("only");
        else url.searchParams.set("only", all.filter(x => on.has(x)).join(","));
        history.replaceState(history.state, "", url);
        filter();
      });
    });
    function filter() { // a filtered-out marker leaves the Tab order and the accessibility tree
      const off = hidden();
      $$(root, ".al-filter").forEach(b => b.setAttribute("aria-pressed", !off.has(b.dataset.technique)));
      $$(art, ".al-hl").forEach(s => s.classList.toggle("al-dim", s.dataset.annotations.split(" ").every(id => off.has(techOf(id)))));
      Object.entries(markers).forEach(([id, m]) => {
        const dim = off.has(techOf(id));
        m.classList.toggle("al-dim", dim);
        dim ? (m.tabIndex = -1, m.setAttribute("aria-hidden", "true")) : (m.removeAttribute("tabindex"), m.removeAttribute("aria-hidden"));
      });
      if (open.some(id => off.has(techOf(id)))) hide();
    }
    filter();

    const fromHash = () => {
      let id;
      try { id = decodeURIComponent(location.hash.slice(1)).replace(/^ann-/, ""); } catch { return; } // "#100%": not a note
      if (location.hash.startsWith("#ann-") && note(id)) show([id], markers[id]);
    };
    fromHash();
    Object.assign(root, { alHash: fromHash, alKeys: shortcuts, alApi: { hide, step, open: () => !panel.hidden } });
  }

  // Keys act only for the lesson that holds the focus (WCAG 2.1.4), and never while typing:
  // Escape from Material's search box is the search's own, J/K in a field are letters.
  d.addEventListener("keydown", e => {
    const t = e.target, root = t.closest?.("[data-lesson-root]"), api = root?.alApi;
    if (!api || e.ctrlKey || e.metaKey || e.altKey) return;
    if (t.closest("input, textarea, select, [contenteditable], dialog, .al-practising article")) return;
    if (e.key == "Escape" && api.open()) return api.hide();
    const k = /^Key([JK])$/.exec(e.code); // the key's place, not its letter: the same on every layout
    if (k && !e.shiftKey && keysOn()) { e.preventDefault(); api.step(k[1] == "J" ? 1 : -1); }
  });
  addEventListener("beforeprint", () => $$(d, "[data-lesson-root]").forEach(r => r.alApi && r.alApi.hide())); // open notes go back into the list
  addEventListener("hashchange", () => $$(d, "[data-lesson-root]").forEach(r => r.alHash && r.alHash()));

  // Start on the plain page load and on every page Material's document$ announces (instant
  // navigation); over file:// document$ may never fire. setup() skips a root already set up.
  const init = () => $$(d, "[data-lesson-root]").forEach(setup);
  if (window.document$) document$.subscribe(init);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})();
