# Image for the web, worker and beat services of docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production

RUN apt-get update \
    && apt-get install --yes --no-install-recommends libjpeg62-turbo libwebp7 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 tapestry

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=tapestry:tapestry . .
# collectstatic needs settings to load; these values exist only for this build step.
RUN SECRET_KEY=build-only-not-a-secret-0123456789abcdef \
    DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var /app/media && chown -R tapestry:tapestry /app/var /app/media /app/static

USER tapestry
EXPOSE 8000
CMD ["gunicorn", "cms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
