from django.urls import path

from . import views

app_name = "circle"

urlpatterns = [path("<str:token>/", views.activate, name="activate")]
