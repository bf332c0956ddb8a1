import html
import re


def richtext_to_plain(value) -> str:
    """Plain text of a RichText value, for JSON-LD and search excerpts."""
    source = getattr(value, "source", value) or ""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", str(source))).split())
