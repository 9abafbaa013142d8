"""gunicorn for the portal (deploy/portal-web.service runs it with ``--config`` this file).

Behind nginx (deploy/nginx-portal.conf) on the loopback interface: nginx buffers slow clients'
requests and responses, so plain sync workers are enough. Static files come from whitenoise in
the same workers (compressed, hashed names, cached for a year by browsers).
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"

# Loopback only: nginx is the one client. Change it in both places if 8001 is taken.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# gunicorn's usual 2 x CPUs + 1, at most 8 (each worker keeps a database connection open);
# WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"
# A request still running after this long (a big roster import is the slowest) is stopped and
# the worker replaced; nginx waits a little longer (proxy_read_timeout 70s).
timeout = 60
graceful_timeout = 30
# A worker is replaced after about this many requests, so a slow leak can never grow for days.
max_requests = 1000
max_requests_jitter = 100
# The settings are loaded in each worker after the fork, so each worker opens its own database
# connections and its own error-reporting client.
preload_app = False

# nginx on this machine sets X-Forwarded-Proto; it is trusted from loopback only.
forwarded_allow_ips = "127.0.0.1,::1"

# portal.request writes the one line per request (status, duration, no personal data);
# gunicorn's access log would add a second line with the client address and query string.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The process name in ps and top.
proc_name = "portal-web"
