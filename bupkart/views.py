from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache  # a proxy must ask this server every time
def healthz(request):
    # Liveness for the proxy: only as healthy as the database connection behind it. A clear
    # 503 (not a 500 page) lets the load balancer take this server out until the database is back.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def tilgjengelighet(request):
    return render(request, "tilgjengelighet.html")
