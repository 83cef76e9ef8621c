"""The chat's filters: a source list, a date range from native date pickers, "include undated",
and the chips beside the question box that show (and clear) what is active.

The widgets' values become ``Newsdesk.query`` filters here, checked first, so a bad value is a
message naming the field ("From date: ..."), never a search that quietly ignores it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import gradio as gr

from ui.assets import asset

# The dropdown's entry for articles that name no source (stored as source "").
NO_SOURCE = "(no source)"
NO_DATES: dict[str, Any] = {"since": "", "until": "", "undated": False}

# Rendered by Gradio from the value (a JS template): a reversed range is pointed out at once.
_REVERSED = "(value.since && value.until && value.since > value.until)"
DATES_TEMPLATE = f"""
<fieldset class="nd-dates">
  <legend>Published</legend>
  <label>From <input type="date" name="since" value="${{value.since || ''}}"
    ${{{_REVERSED} ? 'aria-invalid="true" aria-describedby="nd-dates-hint"' : ''}}></label>
  <label>To <input type="date" name="until" value="${{value.until || ''}}"
    ${{{_REVERSED} ? 'aria-invalid="true" aria-describedby="nd-dates-hint"' : ''}}></label>
  <label class="nd-undated"><input type="checkbox" name="undated"
    ${{value.undated ? 'checked' : ''}}> Include articles without a date</label>
  <p class="nd-dates-hint" id="nd-dates-hint">${{{_REVERSED} ?
    'From is after To: swap the two dates.' : ''}}</p>
</fieldset>
"""


@dataclass
class FilterWidgets:
    accordion: gr.Accordion
    sources: gr.Dropdown
    dates: gr.HTML
    chips: gr.HTML


def build_chips() -> gr.HTML:
    """The active-filter chips; placed by the caller right under the question box."""
    return gr.HTML(
        chips_html([], NO_DATES, 0),
        js_on_load=asset("chips.js"),
        elem_id="nd-chips",
    )


def build_filters(chips: gr.HTML) -> FilterWidgets:
    with gr.Accordion("Filters", open=False, elem_id="nd-filters") as accordion:
        sources = gr.Dropdown(
            label="Sources",
            info="None chosen: every source",
            multiselect=True,
            choices=[],
            value=[],
            elem_id="nd-filter-sources",
        )
        dates = gr.HTML(
            dict(NO_DATES),
            html_template=DATES_TEMPLATE,
            js_on_load=asset("dates.js"),
            elem_id="nd-filter-dates",
        )
    return FilterWidgets(accordion, sources, dates, chips)


def source_choices(sources: list[str], has_unsourced: bool) -> list[str]:
    return [*sources, NO_SOURCE] if has_unsourced else list(sources)


def dates_value(value: Any) -> dict[str, Any]:
    """The date widget's value as a dict, whatever Gradio handed over (dict, JSON, None)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = {}
    if not isinstance(value, dict):
        value = {}
    return {
        "since": str(value.get("since") or "").strip(),
        "until": str(value.get("until") or "").strip(),
        "undated": bool(value.get("undated")),
    }


def to_query(sources: list[str] | None, dates: Any) -> dict[str, Any] | None:
    """Widget values as ``Newsdesk.query`` filters; ``ValueError`` names the field at fault."""
    d = dates_value(dates)
    for label, key in (("From date", "since"), ("To date", "until")):
        if d[key]:
            try:
                date.fromisoformat(d[key])
            except ValueError:
                raise ValueError(
                    f"{label}: expected a date like 2025-03-14, got {d[key]!r}; fix it in Filters."
                ) from None
    if d["since"] and d["until"] and d["since"] > d["until"]:
        raise ValueError(
            f"From date {d['since']} is after To date {d['until']}: the range is reversed; "
            "swap the two dates in Filters."
        )
    chosen = ["" if s == NO_SOURCE else s for s in (sources or [])]
    if not (chosen or d["since"] or d["until"]):
        return None
    return {"sources": chosen, **d}


def active_count(sources: list[str] | None, dates: Any) -> int:
    d = dates_value(dates)
    return len(sources or []) + bool(d["since"]) + bool(d["until"])


def accordion_label(sources: list[str] | None, dates: Any) -> str:
    n = active_count(sources, dates)
    return f"Filters · {n} active" if n else "Filters"


def chips_html(sources: list[str] | None, dates: Any, undated_articles: int) -> str:
    """What is filtered, as removable chips; a quiet line when nothing is."""
    d = dates_value(dates)
    chips: list[str] = []
    for s in sources or []:
        chips.append(_chip(f"Source: {s}", {"remove": "source", "value": s}))
    if d["since"]:
        chips.append(_chip(f"From {d['since']}", {"remove": "since"}))
    if d["until"]:
        chips.append(_chip(f"To {d['until']}", {"remove": "until"}))
    if d["since"] or d["until"]:
        if d["undated"]:
            chips.append(_chip("Undated included", {"remove": "undated"}))
        elif undated_articles:
            n = undated_articles
            chips.append(
                '<span class="nd-chip nd-chip-note">'
                f"{n} undated article{'s' if n != 1 else ''} left out "
                '<button type="button" class="nd-chip-action" data-action="include-undated">'
                "include</button></span>"
            )
    if not chips:
        return '<p class="nd-chips nd-chips-none">No filters: every article is searched.</p>'
    clear = (
        '<button type="button" class="nd-chip-clear" data-action="clear">Clear filters</button>'
    )
    return (
        '<div class="nd-chips" role="group" aria-label="Active filters">'
        f'<span class="nd-chips-label">Filtered by</span> {"".join(chips)} {clear}</div>'
    )


def _chip(text: str, data: dict[str, str]) -> str:
    attrs = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())
    label = html.escape(text)
    return (
        f'<span class="nd-chip">{label}<button type="button" class="nd-chip-x" {attrs} '
        f'aria-label="Remove filter {html.escape(text, quote=True)}">×</button></span>'
    )


def apply_chip(
    action: dict[str, Any], sources: list[str] | None, dates: Any
) -> tuple[list[str], dict[str, Any]]:
    """New (sources, dates) after a chip's button: remove one filter, include undated, clear."""
    kept = list(sources or [])
    d = dates_value(dates)
    what = action.get("remove") or action.get("action")
    if what == "clear":
        return [], dict(NO_DATES)
    if what == "source":
        kept = [s for s in kept if s != action.get("value")]
    elif what in ("since", "until"):
        d[what] = ""
    elif what == "undated":
        d["undated"] = False
    elif what == "include-undated":
        d["undated"] = True
    return kept, d
