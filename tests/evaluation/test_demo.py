"""The demo: last year's evaluation closed, this year's open, with enough answers to show."""

from agencies import demo as agency_demo
from evaluation import demo, results
from evaluation.models import Campaign, Response


def test_demo_is_idempotent_and_shows_results(db):
    world = agency_demo.seed()
    from contracts import demo as contract_demo

    contract_demo.seed(world)
    demo.seed(world)
    demo.seed(world)
    council = world.agencies["council"]
    last, this = Campaign.objects.filter(agency=council).order_by("year")
    assert last.is_closed and this.is_open
    assert Response.objects.filter(campaign=last).count() == 6
    assert Response.objects.filter(campaign=this).count() == 5
    assert results.agency_figures(this).shown
    sam = world.users["sam.okafor@council.example"]
    assert results.supervisor_figures(last, sam).shown
    rate = results.response_rate(this)
    assert (rate.invited, rate.responded) == (7, 5)
