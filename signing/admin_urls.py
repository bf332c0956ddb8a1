from django.urls import path

from . import admin_views

app_name = "signing_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("aanbieden/", admin_views.offerable, name="offerable"),
    path("aanbieden/<int:plan_pk>/", admin_views.offer, name="offer"),
    path("plan/<int:plan_pk>/nieuwe-versie/", admin_views.new_version, name="new_version"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/intrekken/", admin_views.cancel, name="cancel"),
    path("<int:pk>/pdf/<str:kind>/", admin_views.document, name="document"),
]
