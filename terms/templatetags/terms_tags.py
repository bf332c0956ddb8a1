from django import template

from terms.acceptance import current_terms as terms_in_force

register = template.Library()


@register.simple_tag
def current_terms():
    """The terms of use in force, for the footer link (None when none are published)."""
    return terms_in_force()
