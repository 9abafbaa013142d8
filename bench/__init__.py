"""The performance benchmark: data at three scales, gunicorn on loopback, wrk against each page
and against a floor view of the same size (`make bench`, `python -m bench.run`)."""
