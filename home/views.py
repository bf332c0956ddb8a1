from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    context = {"sitemap_url": request.build_absolute_uri("/sitemap.xml")}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
