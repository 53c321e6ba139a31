from django import template

from cms.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def script_nonce() -> str:
    """` nonce="..."` for an inline <script>: the request's CSP nonce, even in a form widget's
    template, which is rendered without the request."""
    return nonce_attribute()
