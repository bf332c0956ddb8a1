def client_ip(request) -> str | None:
    """The visitor's address: REMOTE_ADDR, which `cms.middleware.TrustedProxyMiddleware` has set behind proxies."""
    return request.META.get("REMOTE_ADDR") or None
