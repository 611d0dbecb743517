"""Contrast measured from computed styles in the browser (WCAG 2 relative luminance).

``CONTRAST`` is a function for ``locator.evaluate``: it returns the contrast of an element's
text colour against what is behind it, found by compositing the backgrounds of the element
and its ancestors (alpha included) over the page's canvas.
"""

from __future__ import annotations

JS_COLOUR = r"""
const rgba = c => { // "rgb(1, 2, 3)", "rgba(1, 2, 3, .5)", "color(srgb .1 .2 .3 / .5)"
  let m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
  if (m) return [+m[1], +m[2], +m[3], m[4] == null ? 1 : +m[4]];
  m = c.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/);
  if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] == null ? 1 : +m[4]];
  throw new Error("colour " + c);
};
const over = (f, b) => { const a = f[3]; return [0, 1, 2].map(i => f[i] * a + b[i] * (1 - a)).concat(1); };
const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
  return .2126 * r + .7152 * g + .0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
const behind = e => { // the colour behind an element's text
  const layers = [];
  for (let n = e; n && n.nodeType == 1; n = n.parentElement) layers.push(rgba(getComputedStyle(n).backgroundColor));
  let c = [255, 255, 255, 1];
  const canvas = rgba(getComputedStyle(document.documentElement).backgroundColor);
  if (canvas[3]) c = over(canvas, c);
  for (const l of layers.reverse()) c = over(l, c);
  return c;
};
"""

CONTRAST = "e => {" + JS_COLOUR + " return ratio(over(rgba(getComputedStyle(e).color), behind(e)), behind(e)); }"

#: ``page.evaluate(RATIO, [colour, element selector])``: a CSS colour against the background behind an element.
RATIO = "([colour, sel]) => {" + JS_COLOUR + """
  const probe = document.createElement('span'); probe.style.color = colour; document.body.append(probe);
  const c = rgba(getComputedStyle(probe).color); probe.remove();
  const e = document.querySelector(sel); return ratio(over(c, behind(e)), behind(e)); }"""
