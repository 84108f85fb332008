from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    # Liveness for the proxy: only as healthy as the database connection behind it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def tilgjengelighet(request):
    return render(request, "tilgjengelighet.html")
