from django import template

register = template.Library()


@register.simple_tag
def log_sentence(entry, viewer):
    """The entry in plain Dutch as `viewer` should read it ("U", or no name for other portal users' refusals)."""
    return entry.plain_dutch(viewer)
