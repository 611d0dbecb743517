/* Annotated lessons: reading mode. A click, tap, Enter or Space on a highlight shows its
   notes in a panel (beside the text on wide screens, a bottom sheet on phones); J/K move
   between notes; the legend filters by technique (kept in ?only=); #ann-<id> opens a note.
   Works without JavaScript too: the markers link to the numbered notes after the article. */
(() => {
  const d = document, $ = (e, s) => e.querySelector(s), $$ = (e, s) => [...e.querySelectorAll(s)];
  const LI = ".al-legend-item[data-technique]:not([data-technique=''])"; // fair passages are not a filter
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
  let current = null;

  function setup(root) {
    if (root.alr) return;
    root.alr = 1;
    const art = $(root, "article[data-lesson]");
    if (!art) return;
    const notes = $$(root, ".al-note-list > li.al-note"), order = notes.map(n => n.dataset.annotation);
    const note = id => notes.find(n => n.dataset.annotation == id);
    const markers = {}, segs = {};
    $$(art, "a.al-marker").forEach(m => {
      markers[m.dataset.annotation] = m;
      m.setAttribute("role", "button");
      m.setAttribute("aria-haspopup", "dialog");
    });
    $$(art, ".al-hl").forEach(s => s.dataset.annotations.split(" ").forEach(id => (segs[id] = segs[id] || []).push(s)));
    const techOf = id => (note(id) || {}).dataset?.technique || "";

    // Toolbar: previous/next note and where we are.
    const bar = d.createElement("div");
    bar.className = "al-toolbar";
    bar.setAttribute("data-lesson-ui", "");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", tr(root, "Notes"));
    const button = (label, key) => { const b = make("button", { type: "button", className: "al-btn" }, tr(root, label)); b.setAttribute("aria-keyshortcuts", key); return b; };
    const hint = make("span", { className: "al-where" });
    hint.setAttribute("aria-hidden", "true");
    bar.append(button("Previous note", "K"), button("Next note", "J"), hint,
      make("span", { className: "al-keys" }, tr(root, "Keys: J next, K previous, Esc close")));
    art.before(bar);
    const [prevB, nextB, where] = bar.children;

    // The panel. Notes are moved into it while open (and back after), so ids, links and
    // self-checks keep working and nothing is duplicated.
    const panel = d.createElement("aside");
    panel.className = "al-panel";
    panel.hidden = true;
    panel.setAttribute("data-lesson-ui", "");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "al-panel-title");
    const closeB = make("button", { type: "button", className: "al-close" }, "×");
    closeB.setAttribute("aria-label", tr(root, "Close notes"));
    panel.append(make("div", { className: "al-panel-head" }, make("h2", { id: "al-panel-title", tabIndex: -1 }), closeB),
      make("ol", { className: "al-panel-notes" }));
    root.append(panel);
    const [title, close] = panel.firstChild.children, list = panel.lastChild;
    let open = [], opener = null, homes = [];

    const techs = () => $$(root, LI).map(li => li.dataset.technique);
    // ?only= ids that are not techniques of this lesson are ignored; if none is left, nothing is filtered.
    const only = () => { const all = techs(); return (new URL(location.href).searchParams.get("only") || "").split(",").filter(t => all.includes(t)); };
    const hidden = () => { const on = only(); return new Set(on.length ? techs().filter(t => !on.includes(t)) : []); };
    const visible = id => !hidden().has(techOf(id));

    function restore() {
      homes.forEach(([n, mark]) => { mark.replaceWith(n); });
      homes = [];
      $$(art, ".al-active").forEach(s => s.classList.remove("al-active"));
    }

    function show(ids, from) {
      ids = ids.filter(visible);
      if (!ids.length) return;
      restore();
      open = ids;
      opener = from || markers[ids[0]];
      for (const id of ids) {
        const n = note(id), mark = d.createComment("al-note");
        n.replaceWith(mark);
        homes.push([n, mark]);
        list.append(n);
        (segs[id] || []).forEach(s => s.classList.add("al-active"));
      }
      const first = order.indexOf(ids[0]) + 1;
      title.textContent = ids.length > 1 ? tr(root, "%(count)s note on this passage", { count: ids.length })
        : tr(root, "Note %(number)s of %(total)s", { number: first, total: order.length });
      where.textContent = tr(root, "%(number)s / %(total)s", { number: first, total: order.length });
      panel.hidden = false;
      root.classList.add("al-open");
      current = api;
      const seg = (segs[ids[0]] || [])[0] || markers[ids[0]];
      if (seg) {
        seg.scrollIntoView({ block: "center", behavior: "instant" });
        const r = seg.getBoundingClientRect(), p = panel.getBoundingClientRect();
        if (p.top > 0 && r.bottom > p.top - 8 && p.left < r.right) scrollBy(0, r.bottom - p.top + 24);
      }
      title.focus({ preventScroll: true });
    }

    function hide() {
      if (panel.hidden) return;
      restore();
      panel.hidden = true;
      root.classList.remove("al-open");
      if (opener && opener.isConnected) opener.focus({ preventScroll: true });
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
      show(ids, m || markers[ids[ids.length - 1]]);
    });
    art.addEventListener("keydown", e => {
      const m = e.target.closest("a.al-marker");
      if (m && e.key == " ") { e.preventDefault(); show([m.dataset.annotation], m); }
    });
    close.addEventListener("click", hide);
    prevB.addEventListener("click", () => step(-1));
    nextB.addEventListener("click", () => step(1));

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
    function filter() {
      const off = hidden();
      $$(root, ".al-filter").forEach(b => b.setAttribute("aria-pressed", !off.has(b.dataset.technique)));
      $$(art, ".al-hl").forEach(s => s.classList.toggle("al-dim", s.dataset.annotations.split(" ").every(id => off.has(techOf(id)))));
      Object.entries(markers).forEach(([id, m]) => m.classList.toggle("al-dim", off.has(techOf(id))));
      if (open.some(id => off.has(techOf(id)))) hide();
    }
    filter();

    const api = { hide, step, panel };
    const fromHash = () => {
      let id;
      try { id = decodeURIComponent(location.hash.slice(1)).replace(/^ann-/, ""); } catch { return; } // "#100%": not a note
      if (location.hash.startsWith("#ann-") && note(id)) show([id], markers[id]);
    };
    fromHash();
    root.alHash = fromHash;
    current = current && current.panel.isConnected ? current : api;
  }

  d.addEventListener("keydown", e => {
    if (!current || !current.panel.isConnected || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key == "Escape") return current.hide();
    if (e.target.closest("input, textarea, select, [contenteditable], dialog, .al-practising article")) return;
    if (e.key == "j" || e.key == "k") { e.preventDefault(); current.step(e.key == "j" ? 1 : -1); }
  });
  addEventListener("beforeprint", () => current && current.hide()); // the open note goes back into the list
  addEventListener("hashchange", () => $$(d, "[data-lesson-root]").forEach(r => r.alHash && r.alHash()));

  // Start on the plain page load and on every page Material's document$ announces (instant
  // navigation); over file:// document$ may never fire. A page announced twice changes nothing.
  const init = () => {
    const all = $$(d, "[data-lesson-root]"), fresh = all.filter(r => !r.alr);
    if (fresh.length || !all.length) current = null;
    fresh.forEach(setup);
  };
  if (window.document$) document$.subscribe(init);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})();
