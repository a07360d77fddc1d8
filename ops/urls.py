from django.urls import path

from . import bench

app_name = "ops"

urlpatterns = [
    # Answers 404 unless SPR_BENCH=1 (bench/load.py serves the app with it).
    path("bare", bench.bare, name="bare"),
]
