"""gunicorn settings for MijnDossier; every value can be overridden from the environment.

    gunicorn -c deploy/gunicorn.conf.py cms.wsgi

Threaded workers (gthread): most time goes to waiting on PostgreSQL, Redis and
the SMS provider, and threads keep client connections alive between requests.
PDF rendering (WeasyPrint) is CPU-bound, hence the longer timeout.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
preload_app = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# The load balancer's address(es): only they may set X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# No request bodies beyond Django's own upload limits reach a worker.
limit_request_line = 8190
limit_request_fields = 100
