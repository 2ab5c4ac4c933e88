"""report.html: one self-contained page (inline CSS, SVG and a small script; nothing fetched),
readable without JavaScript and printable on A4."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from generator.core.atomic import write_atomic
from generator.core.messages import render_message
from generator.report.funnel import FunnelReport, human_date

BAR = "#1d4ed8"  # 6.7:1 on white: the bars' colour, readable as text too
COLUMNS = ("need", "shop", "last", "products", "photo", "price", "errors", "warnings", "todo")
TEXT_COLUMNS = {"shop", "last"}


def write_report(report: FunnelReport, target: Path, lang: str = "id") -> None:
    """Write the report page to `target` (replaced in one step)."""
    write_atomic(target, render_report(report, lang).encode("utf-8"))


def render_report(report: FunnelReport, lang: str = "id") -> str:
    """The whole page as text."""

    def t(code: str, **params) -> str:
        return render_message("report.page." + code, params, lang)

    steps = [(render_message("report.step." + step, {}, lang), count) for step, count in report.steps]
    first = steps[0][1] if steps else 0
    summary = t("funnel_summary", steps=" → ".join(f"{label} {n}" for label, n in steps))
    return _TEMPLATE.render(
        lang="en" if lang == "en" else "id",
        t=t,
        title=t("title", market=report.market),
        made=t(
            "made",
            date=human_date(report.today, date(1, 1, 1), lang),
            source=t("source_git" if report.from_git else "source_files"),
        ),
        steps=[(label, count, _share(count, first)) for label, count in steps],
        summary=summary,
        funnel_svg=funnel_svg(steps, summary),
        weeks_svg=weeks_svg(report, lang) if report.weeks else None,
        columns=[(c, t("col_" + c), c not in TEXT_COLUMNS) for c in COLUMNS],
        sellers=report.sellers,
    )


def _share(count: int, first: int) -> str:
    return f"{round(100 * count / first)}%" if first else "–"


def funnel_svg(steps: list[tuple[str, int]], summary: str) -> Markup:
    """Horizontal bars, one per funnel step, its label on the left and its count after it."""
    width, label_w, row, bar_h = 720, 300, 36, 24
    most = max((n for _, n in steps), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="funnel-svg-title" viewBox="0 0 {width} {row * len(steps)}" '
        f'width="{width}" height="{row * len(steps)}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="funnel-svg-title">{escape(summary)}</title>',
    ]
    for i, (label, count) in enumerate(steps):
        y = i * row + (row - bar_h) / 2
        w = round((width - label_w - 60) * count / most, 1)
        parts.append(
            f'<text x="{label_w - 10}" y="{y + bar_h * 0.72}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}" fill="{BAR}"/>'
            f'<text x="{label_w + w + 8}" y="{y + bar_h * 0.72}">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def weeks_svg(report: FunnelReport, lang: str) -> Markup:
    """Vertical bars: how many sellers changed their shop in each week (from the git history)."""
    width, height, top, bottom, left = 720, 200, 16, 28, 36
    weeks = report.weeks
    most = max(n for _, n in weeks) or 1
    slot = (width - left) / len(weeks)
    summary = render_message(
        "report.page.weeks_summary",
        {
            "first": human_date(weeks[0][0], report.today, lang),
            "last": human_date(weeks[-1][0], report.today, lang),
            "most": most,
        },
        lang,
    )
    plot = height - top - bottom
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="weeks-svg-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="weeks-svg-title">{escape(summary)}</title>',
        f'<line x1="{left}" y1="{top + plot}" x2="{width}" y2="{top + plot}" stroke="#4b5563"/>',
        f'<text x="{left - 6}" y="{top + 5}" text-anchor="end">{most}</text>',
        f'<text x="{left - 6}" y="{top + plot}" text-anchor="end">0</text>',
    ]
    for i, (monday, count) in enumerate(weeks):
        h = round(plot * count / most, 1)
        label = render_message(
            "report.page.week_bar", {"week": human_date(monday, report.today, lang), "count": count}, lang
        )
        parts.append(
            f'<rect x="{round(left + i * slot + slot * 0.15, 1)}" y="{round(top + plot - h, 1)}" '
            f'width="{round(slot * 0.7, 1)}" height="{max(h, 0.5)}" fill="{BAR}"><title>{escape(label)}</title></rect>'
        )
    for i, anchor in ((0, "start"), (len(weeks) - 1, "end")):
        x = left if anchor == "start" else width
        parts.append(
            f'<text x="{x}" y="{height - 8}" text-anchor="{anchor}">'
            f"{escape(human_date(weeks[i][0], report.today, lang))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


_TEMPLATE = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<meta name="description" content="{{ summary }}">
<link rel="icon" href="data:,">
<style>
@page { size: A4; margin: 12mm; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; background: #fff;
  margin: 0 auto; padding: 1rem; max-width: 72rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
p.meta, p.hint { color: #374151; margin: .25rem 0 .75rem; }
.chart { max-width: 100%; height: auto; display: block; }
.chart text { font-size: 14px; fill: #111827; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.funnel { width: auto; min-width: 24rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d1d5db; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #f3f4f6; vertical-align: bottom; }
#sellers tbody th { min-width: 8rem; }
#sellers td:last-child { min-width: 15rem; }
th button { font: inherit; font-weight: bold; color: #111827; background: none; border: 0; padding: 0;
  text-align: inherit; cursor: pointer; text-decoration: underline dotted; }
tbody th { font-weight: 600; }
.slug { display: block; font-weight: normal; color: #374151; font-size: .85em; }
td ul { margin: 0; padding-left: 1.1rem; }
.bad { color: #b91c1c; font-weight: bold; }
.ok { color: #166534; }
@media print {
  html { font-size: 9pt; }
  body { padding: 0; max-width: none; }
  h1 { font-size: 1.5rem; }
  .chart { width: 140mm; }
  #sellers tbody th { min-width: 0; }
  #sellers td:last-child { min-width: 0; }
  h2 { break-after: avoid; }
  .chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th button { text-decoration: none; }
  .arrow { display: none; }
  p.hint { display: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p class="meta">{{ made }}</p>
<h2 id="funnel">{{ t("funnel") }}</h2>
{{ funnel_svg }}
<table class="funnel" aria-labelledby="funnel">
<thead><tr><th scope="col">{{ t("step") }}</th><th scope="col" class="n">{{ t("count") }}</th>\
<th scope="col" class="n">{{ t("share") }}</th></tr></thead>
<tbody>
{% for label, count, share in steps %}
<tr><th scope="row">{{ label }}</th><td class="n">{{ count }}</td><td class="n">{{ share }}</td></tr>
{% endfor %}
</tbody>
</table>
{% if weeks_svg %}
<h2>{{ t("weeks") }}</h2>
{{ weeks_svg }}
{% endif %}
<h2 id="sellers-title">{{ t("sellers") }}</h2>
<p class="hint">{{ t("sort_hint") }}</p>
<table id="sellers" aria-labelledby="sellers-title">
<thead><tr>
{% for key, label, numeric in columns %}
<th scope="col"{% if numeric and key != "todo" %} class="n"{% endif %} data-type="{{ 'num' if numeric else 'text' }}"\
{% if key == "need" %} aria-sort="ascending"{% endif %}>{{ label }}</th>
{% endfor %}
</tr></thead>
<tbody>
{% for s in sellers %}
<tr>
<td class="n" data-v="{{ loop.index }}">{{ loop.index }}</td>
<th scope="row" data-v="{{ s.name }}">{{ s.name }}\
{% if s.name != s.slug %}<span class="slug">{{ s.slug }}</span>{% endif %}</th>
<td data-v="{{ s.last_change.isoformat() if s.last_change else '' }}">\
{{ s.last_change.isoformat() if s.last_change else t("unknown") }}</td>
<td class="n" data-v="{{ s.products }}">{{ s.products }}</td>
<td class="n" data-v="{{ s.with_photo }}">{{ s.with_photo }}</td>
<td class="n" data-v="{{ s.with_price }}">{{ s.with_price }}</td>
<td class="n{% if s.errors %} bad{% endif %}" data-v="{{ s.errors }}">{{ s.errors }}</td>
<td class="n" data-v="{{ s.warnings }}">{{ s.warnings }}</td>
<td data-v="{{ s.todo | length }}">{% if s.todo %}<ul>{% for item in s.todo %}<li>{{ item }}</li>{% endfor %}</ul>\
{% else %}<span class="ok">{{ t("nothing_to_do") }}</span>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
</main>
<script>
(function () {
  var table = document.getElementById("sellers");
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    var sorted = th.getAttribute("aria-sort") === "ascending";
    var button = document.createElement("button");
    button.type = "button";
    var arrow = document.createElement("span");
    arrow.className = "arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.textContent = th.textContent;
    th.textContent = "";
    button.appendChild(arrow);
    th.appendChild(button);
    if (sorted) arrow.textContent = " ▲";
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "num";
      Array.prototype.forEach.call(heads, function (h) {
        h.removeAttribute("aria-sort");
        h.querySelector(".arrow").textContent = "";
      });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      arrow.textContent = up ? " ▲" : " ▼";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute("data-v"), y = b.cells[i].getAttribute("data-v");
        var order = numeric ? x - y : x.localeCompare(y, document.documentElement.lang);
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
</script>
</body>
</html>
"""
)
