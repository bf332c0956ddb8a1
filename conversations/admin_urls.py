from django.urls import path

from . import admin_views

app_name = "conversations_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("meldingen-mislukt/", admin_views.failed_notifications, name="failed_notifications"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/toewijzen/", admin_views.assign, name="assign"),
    path("<int:pk>/status/", admin_views.set_status, name="status"),
    path("bijlagen/<int:pk>/", admin_views.attachment, name="attachment"),
]
