FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; curl serves the health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b fonts-liberation curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY . .
RUN SPR_ENV=production SECRET_KEY=build-only ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app spr && mkdir -p /var/lib/spr/media && chown spr /var/lib/spr/media
USER spr
ENV MEDIA_ROOT=/var/lib/spr/media SPR_ENV=production
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
