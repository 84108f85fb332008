app_name = "oving"
urlpatterns: list = []
