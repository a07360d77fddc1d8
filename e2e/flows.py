"""Steps that several browser tests take: the demo world, dates, the navigation, a full
session record. Shared so that the role journeys (test_journeys.py) and the feature tests
walk the same way through the same pages."""

from datetime import date
from importlib import import_module

from agencies import demo
from agencies.management.commands.seed_demo import APP_SEEDS
from e2e.conftest import check_accessibility


def seed_everything():
    """The whole demo world, as `manage.py seed_demo` makes it (every app's seed)."""
    world = demo.seed()
    for module_name in APP_SEEDS:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError:
            continue
        module.seed(world)
    return world


def fill_date(scope, legend: str, day: date) -> None:
    """A GOV.UK date input (day, month, year) inside the fieldset with this legend."""
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def open_nav(page, label: str) -> None:
    """Follow an item of the service navigation (the header menu)."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


class Journey:
    """Numbered screenshots and axe-core checks along one person's way through SPR:
    test-artifacts/journey-<role>-<nn>-<page>.png."""

    def __init__(self, page, role: str) -> None:
        self.page, self.role, self.step = page, role, 0

    def check(self, name: str) -> None:
        self.step += 1
        check_accessibility(self.page, f"journey-{self.role}-{self.step:02}-{name}")

    def visit_nav(self, *labels: str) -> None:
        """Each menu item in turn, checked."""
        for label in labels:
            open_nav(self.page, label)
            self.check(label.lower().replace(" ", "-").replace("'", ""))


def discussion(page, number: int):
    return page.locator("section.spr-discussion").filter(
        has=page.get_by_role("heading", name=f"Case discussion {number}", exact=True)
    )


def fill_discussion(page, number: int, rag: str, needs: str, case_label: str | None = None):
    """One case discussion of the pro forma: the case (by its label, or the first one
    offered), needs, risks, RAG, the case-record confirmation and one reflection area."""
    section = discussion(page, number)
    case = section.get_by_label("Case", exact=True)
    if case_label:
        case.select_option(label=case_label)
    else:
        case.select_option(index=1)
    section.get_by_label("a) Outline identified needs of the child or children").fill(needs)
    section.get_by_label("b) Risks to the child and from whom or what").fill("Neglect")
    section.get_by_label(rag).check()
    section.get_by_label("An entry about this discussion has been made").check()
    section.get_by_label("Quality: the child").fill("Seen alone; quiet and watchful")
