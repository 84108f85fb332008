app_name = "tal"
urlpatterns: list = []
