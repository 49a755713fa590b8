"""axe-core in the browser tests: every screenshot is also an accessibility check.

``make axe-deps`` installs the npm package ``axe-core`` (pinned, :data:`AXE_VERSION`) into
``.venv/axe/``; ``HOMEWARD_AXE_JS`` may name another copy of ``axe.min.js``. At each
``shot(page, name)`` the harness calls :func:`check_page`: it turns on Flutter's semantics
tree (without it the page is one unnamed canvas), runs axe over the whole document, keeps
every violation beside the screenshot (``NN-name.axe.json``) and fails the test on any of
impact serious or critical, naming the rule, each node's selector and what a screen reader
is told about it (role, name, text, ``flt-semantics-identifier``).

``HOMEWARD_AXE=report`` keeps the files but fails nothing, to see every screen's findings
in one run while fixing them. Beside axe's rules, :data:`_FOCUS_ORDER` checks that Tab
moves through a screen in reading order (rule ``homeward-focus-order``).
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
AXE_SCRIPT = (Path(__file__).resolve().parents[2] / ".venv" / "axe" / "node_modules"
              / "axe-core" / "axe.min.js")
#: Impacts that fail a test; moderate and minor findings are only kept in the report.
FAILING_IMPACTS = frozenset({"serious", "critical"})
SEMANTICS_TIMEOUT_MS = 10_000

#: Runs axe and says, for each node it names, what assistive technology hears about it.
_RUN_AXE = """async () => {
  const describe = (target) => {
    let node = document;
    for (const part of target) {
      const root = node.shadowRoot || node;
      node = root.querySelector(Array.isArray(part) ? part[part.length - 1] : part);
      if (!node) return {};
    }
    const text = (node.textContent || '').trim().replace(/\\s+/g, ' ');
    return {
      role: node.getAttribute('role'),
      name: node.getAttribute('aria-label') || '',
      text: text.slice(0, 80),
      identifier: node.closest('[flt-semantics-identifier]')
        ?.getAttribute('flt-semantics-identifier') || '',
      box: (({x, y, width, height}) => [x, y, width, height].map(Math.round))(
        node.getBoundingClientRect()),
    };
  };
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.map(String).join(' >> '), impact: n.impact,
      html: n.html.slice(0, 200), summary: n.failureSummary || '',
      info: describe(n.target),
    })),
  }));
}"""


#: Homeward's own check that focus follows reading order: of the controls wholly on screen,
#: in the order Tab reaches them within one scrolling part, none may come wholly above the
#: one before it in the same column, nor wholly left of it on the same line. (Side-by-side
#: columns, as at the worker's desk, are read one after the other and are not compared.)
_FOCUS_ORDER = """() => {
  const host = document.querySelector('flt-semantics-host');
  if (!host) return [];
  const focusable = 'input, textarea, [tabindex]:not([tabindex="-1"])';
  const boxes = [...host.querySelectorAll(focusable)].map(node => {
    const r = node.getBoundingClientRect();
    return {node, top: r.top, bottom: r.bottom, left: r.left, right: r.right};
  }).filter(b => b.bottom > b.top && b.right > b.left && b.top >= 0
                 && b.bottom <= window.innerHeight);
  const name = b => b.node.getAttribute('aria-label') || b.node.textContent.trim().slice(0, 40);
  // A notice laid over a scrolled page is read before the page and covers its top: compare
  // controls only with the one before them in the same scrolling part.
  const scroller = node => {
    for (let up = node.parentElement; up && up !== host; up = up.parentElement) {
      if (getComputedStyle(up).overflowY !== 'visible') return up;  // Flutter: scroll or hidden
    }
    return host;
  };
  const last = new Map();
  const found = [];
  for (const b of boxes) {
    const part = scroller(b.node), a = last.get(part);
    last.set(part, b);
    if (!a) continue;
    const sameColumn = b.left < a.right && a.left < b.right;
    const sameLine = b.top < a.bottom && a.top < b.bottom;
    if ((sameColumn && b.bottom <= a.top) || (sameLine && b.right <= a.left)) {
      found.push({target: '#' + b.node.id, impact: 'serious', html: b.node.outerHTML.slice(0, 200),
                  summary: `reached after "${name(a)}", which is below or right of it`,
                  info: {role: b.node.getAttribute('role'), name: name(b), text: '',
                         identifier: '', box: [b.left, b.top, b.right - b.left,
                                               b.bottom - b.top].map(Math.round)}});
    }
  }
  return found.length ? [{rule: 'homeward-focus-order', impact: 'serious',
    help: 'Focus order must follow reading order', nodes: found}] : [];
}"""


class AxeMissing(RuntimeError):
    """axe-core is not installed where the browser tests look for it."""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one screen, with the nodes that break it."""

    rule: str
    impact: str
    help: str
    nodes: tuple[dict[str, Any], ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Violation:
        """Build from what :data:`_RUN_AXE` returns for one rule."""
        return cls(str(data["rule"]), str(data.get("impact") or "minor"), str(data["help"]),
                   tuple(data["nodes"]))

    def describe(self) -> str:
        """The rule and every node breaking it, one line each, for a failure message."""
        lines = [f"{self.rule} ({self.impact}): {self.help}"]
        for node in self.nodes:
            info = node.get("info") or {}
            lines.append(
                f"  - {node['target']} role={info.get('role')!r} name={info.get('name')!r} "
                f"text={info.get('text')!r} in={info.get('identifier')!r} "
                f"box={info.get('box')} html={node['html']!r}")
        return "\n".join(lines)


@functools.cache
def axe_source() -> str:
    """The text of ``axe.min.js``.

    Raises:
        AxeMissing: it is not installed (``make axe-deps`` installs it).
    """
    path = Path(os.environ.get("HOMEWARD_AXE_JS") or AXE_SCRIPT)
    if not path.is_file():
        raise AxeMissing(f"axe-core is not at {path}: run `make axe-deps` "
                         f"(npm install axe-core@{AXE_VERSION} into .venv/axe)")
    return path.read_text("utf-8")


def _semantics_on(page: Page) -> None:
    """Turn on Flutter's semantics tree if this is a Flutter page and it is still off."""
    placeholder = page.locator("flt-semantics-placeholder")
    if placeholder.count() == 0:
        return  # not a Flutter page, or semantics are on already
    placeholder.dispatch_event("click")
    page.wait_for_selector("flt-semantics-host flt-semantics", state="attached",
                           timeout=SEMANTICS_TIMEOUT_MS)


def run_axe(page: Page) -> list[Violation]:
    """Every axe-core violation on the page as it is now."""
    _semantics_on(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the debugger protocol: the page's CSP does not apply.
        page.evaluate(axe_source())
    found = page.evaluate(_RUN_AXE) + page.evaluate(_FOCUS_ORDER)
    return [Violation.from_json(item) for item in found]


def check_page(page: Page, screenshot: Path) -> list[Violation]:
    """Run axe, keep its findings beside ``screenshot``, fail on serious or critical ones.

    Raises:
        AssertionError: a serious or critical violation, unless ``HOMEWARD_AXE=report``.
    """
    found = run_axe(page)
    report = screenshot.with_suffix(".axe.json")
    if found:
        report.write_text(json.dumps([vars(v) for v in found], indent=1, default=list),
                          "utf-8")
    else:
        report.unlink(missing_ok=True)
    failing = [v for v in found if v.impact in FAILING_IMPACTS]
    if failing and os.environ.get("HOMEWARD_AXE") != "report":
        raise AssertionError(
            f"axe-core found serious or critical problems at {screenshot.name} "
            f"({page.url}):\n" + "\n".join(v.describe() for v in failing))
    return found
