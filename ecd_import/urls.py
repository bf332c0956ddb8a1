from django.urls import path

from . import views

app_name = "ecd_import"

urlpatterns = [
    path("v1/", views.import_view, name="import"),
]
