app_name = "innebygg"
urlpatterns: list = []
