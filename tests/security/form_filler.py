"""Find the forms on a page and fill them in the way a person (or an attacker) would.

`forms_on(html)` parses every POST form; `fill(form, text, ...)` answers each field: free
text gets the hostile `text`, everything else a valid-looking answer (the first option,
a date that exists, the value already there), so that a form can save and the hostile
text reaches the database, not only the form's validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

# Inputs a person types free text into.
TEXT_TYPES = {"text", "search", "email", "url", "tel", ""}
# Forms in every page's header or footer: not the page's own.
SKIPPED_ACTIONS = ("/sign-out/", "/agency/switch/")


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: str | None = None
    inputmode: str = ""


@dataclass
class Form:
    action: str
    multipart: bool
    fields: list[Field] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = Form(
                    action=a.get("action", ""),
                    multipart=a.get("enctype", "") == "multipart/form-data",
                )
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            self._form.fields.append(
                Field(
                    name=a["name"],
                    kind=a.get("type", "text").lower(),
                    value=a.get("value", ""),
                    checked="checked" in a,
                    inputmode=a.get("inputmode", ""),
                )
            )
        elif tag == "button" and a.get("name"):
            self._form.fields.append(Field(name=a["name"], kind="button", value=a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(name=a["name"], kind="textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Field(name=a["name"], kind="select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option_value = value
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.selected = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option_value is None and data.strip():
            self._select.options.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            if not self._form.action.startswith(SKIPPED_ACTIONS):
                self.forms.append(self._form)
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option_value = None


def forms_on(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def _date_part(name: str) -> str | None:
    """GOV.UK date inputs are three text inputs named x_0 (day), x_1 (month), x_2 (year)."""
    today = date.today()
    if name.endswith("_0"):
        return "1"
    if name.endswith("_1"):
        return str(today.month)
    if name.endswith("_2"):
        return str(today.year + (1 if "end" in name or "review" in name else 0))
    return None


def fill(form: Form, text: str, *, tamper_hidden: bool = False) -> dict:
    """POST data for the form: `text` in every free-text field (and every hidden one,
    when `tamper_hidden`), a valid-looking answer in the others."""
    data: dict[str, list[str]] = {}

    def put(name, value):
        data.setdefault(name, []).append(value)

    button_done = False
    for f in form.fields:
        if f.name == "csrfmiddlewaretoken":
            continue
        if f.kind == "hidden":
            put(f.name, text if tamper_hidden else f.value)
        elif f.kind in ("submit", "button"):
            # The first named button, as pressing it would; structure buttons excluded.
            if not button_done and not f.name.startswith(("add_", "remove_")):
                put(f.name, f.value)
                button_done = True
        elif f.kind == "radio":
            # The option already chosen, else the first one.
            if f.checked or f.name not in data:
                data[f.name] = [f.value]
        elif f.kind == "checkbox":
            if f.checked or f.name not in data:
                put(f.name, f.value or "on")
        elif f.kind == "select":
            choices = [o for o in f.options if o]
            value = f.selected if f.selected else (choices[0] if choices else "")
            put(f.name, value)
        elif f.kind == "file":
            continue  # the caller attaches files
        elif f.kind in ("number",) or f.inputmode == "numeric":
            put(f.name, f.value or _date_part(f.name) or "4")
        elif f.kind in TEXT_TYPES or f.kind == "textarea":
            if f.kind == "email" or "email" in f.name:
                put(f.name, f.value or "hostile.input@example.org")
            elif _date_part(f.name) is not None and not f.value:
                put(f.name, _date_part(f.name))
            else:
                put(f.name, text)
        elif f.kind in ("date", "time", "datetime-local"):
            put(f.name, f.value)
        else:
            put(f.name, f.value)
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def file_fields(form: Form) -> list[str]:
    return [f.name for f in form.fields if f.kind == "file"]
