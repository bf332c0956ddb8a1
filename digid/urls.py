from django.urls import path

from . import views

app_name = "digid"

urlpatterns = [
    path("inloggen/", views.start, name="start"),
    path("terug/", views.callback, name="callback"),
    path("koppelen/", views.link, name="link"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("uitgelogd/", views.logged_out, name="logged_out"),
]
