from django.db import models


class Heartbeat(models.Model):
    """When each periodic job last ran: beat → worker → database, end to end."""

    name = models.CharField(max_length=100, unique=True)
    last_ran_at = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_ran_at:%Y-%m-%d %H:%M:%S}"
