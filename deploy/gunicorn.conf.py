"""gunicorn settings shared by deploy/bupkart.service and the Procfile (both pass --config).

The access log goes to stdout (the journal under systemd). Its line has the path without the
query string and no referer: a search, a kommune or a feedback page's ?side= can hold what a
reader typed, and the README promises that query strings are never logged. gunicorn's default
format logs both, through %(r)s (the raw request line) and %(f)s."""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
