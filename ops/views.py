from django.db import connection
from django.http import HttpRequest, JsonResponse

from .models import Heartbeat


def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and docker-compose: the database answers; when beat last ran."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = Heartbeat.objects.filter(name="beat").first()
    return JsonResponse(
        {"status": "ok", "last_heartbeat": beat.last_ran_at.isoformat() if beat else None}
    )
