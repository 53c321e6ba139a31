"""What a reviewer approves: the submitted revision of a page against its live version.

Wagtail's revision comparison (`wagtail.admin.compare`, through the page's edit handler, as its
"Compare" view does) decides which fields changed and marks the words removed and added. The
review screen shows the two sides next to each other; the approval-request mail lists each
changed field's text before and after.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Page, Revision, TaskState

SUMMARY_CHARS = 200


@dataclass
class FieldChange:
    label: str
    #: Wagtail's inline diff: removed text in `.deletion`, added text in `.addition`.
    diff_html: SafeString
    before_text: str
    after_text: str


class _SideText(HTMLParser):
    """The text of one side of a Wagtail diff: skips what the other side added or removed."""

    _VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"}

    def __init__(self, skip_class: str):
        super().__init__(convert_charrefs=True)
        self.skip_class = skip_class
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            if tag == "br":
                self.parts.append(" ")
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(self.skip_class in classes)

    def handle_endtag(self, tag):
        if tag not in self._VOID and self.stack:
            self.stack.pop()
            self.parts.append(" ")

    def handle_data(self, data):
        if not any(self.stack):
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def _side_text(diff_html: str, *, skip_class: str) -> str:
    parser = _SideText(skip_class)
    parser.feed(str(diff_html))
    parser.close()
    return parser.text()


def live_version(page: Page):
    """The version readers see now, or None if the page was never published."""
    page = page.specific
    if not page.live:
        return None
    if page.live_revision_id:
        revision = Revision.objects.filter(pk=page.live_revision_id).first()
        if revision is not None:
            return revision.as_object()
    return page


def _comparison_of(comparator, live, submitted):
    try:
        return comparator(live, submitted)
    except (AttributeError, TypeError, ValueError):
        return None


def revision_changes(*, page: Page, revision: Revision, request=None) -> list[FieldChange]:
    """Every field of `revision` that differs from the live version of `page` (all of them for a
    page never published), in the edit form's order."""
    page = page.specific
    submitted = revision.as_object()
    live = live_version(page)
    if live is None:
        live = type(page)(locale_id=page.locale_id)  # nothing is live: every field is new
    comparators = (
        page.get_edit_handler()
        .get_bound_panel(instance=page, request=request, form=None)
        .get_comparison()
    )
    changes = []
    for comparator in comparators:
        comparison = _comparison_of(comparator, live, submitted)
        if comparison is None or not comparison.has_changed():
            continue
        diff_html = _diff_html(comparison)
        changes.append(
            FieldChange(
                label=str(comparison.field_label()),
                diff_html=diff_html,
                before_text=_side_text(diff_html, skip_class="addition"),
                after_text=_side_text(diff_html, skip_class="deletion"),
            )
        )
    return changes


def _diff_html(comparison) -> SafeString:
    if comparison.is_field:
        return mark_safe(str(comparison.htmldiff()))  # noqa: S308 - Wagtail escapes the values
    # An inline panel (contacts, topics...): each child object's changed fields.
    rows = []
    for child in comparison.get_child_comparisons():
        if not child.has_changed():
            continue
        state = "addition" if child.is_addition() else "deletion" if child.is_deletion() else ""
        fields = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            (
                (field.field_label(), mark_safe(str(field.htmldiff())))  # noqa: S308
                for field in child.get_field_comparisons()
            ),
        )
        rows.append(
            format_html('<div class="comparison__child-object {}"><dl>{}</dl></div>', state, fields)
        )
    return mark_safe("".join(rows))  # noqa: S308 - built with format_html


def summary(changes: list[FieldChange]) -> list[dict]:
    """Each changed field's text before and after, shortened for a mail."""
    return [
        {
            "label": change.label,
            "before": Truncator(change.before_text).chars(SUMMARY_CHARS),
            "after": Truncator(change.after_text).chars(SUMMARY_CHARS),
        }
        for change in changes
    ]


def task_state_changes(task_state: TaskState, *, request=None) -> list[FieldChange]:
    """The changes submitted to a page's workflow stage (empty for other objects)."""
    content = task_state.workflow_state.content_object
    if not isinstance(content, Page) or task_state.revision is None:
        return []
    return revision_changes(page=content, revision=task_state.revision, request=request)
