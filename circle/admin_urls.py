from django.urls import path

from . import admin_views

app_name = "circle_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/goedkeuren/", admin_views.approve, name="approve"),
]
