from django.conf import settings


def portal(request):
    return {"demo": settings.BUPKART_DEMO_BANNER}
