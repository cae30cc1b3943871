from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def in_language(context, code: str) -> str:
    """Return the current page's URL in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), code)


@register.filter
def widget_type(field) -> str:
    return field.field.widget.__class__.__name__
