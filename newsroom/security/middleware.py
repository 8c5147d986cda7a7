"""Two-step sign-in enforced on every staff page, not only on the admin's login screen; the CSP header."""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect
from django.urls import reverse

from .signin import second_step

# Where a signed-in staff member who has not given their code yet may still go (or sets up the app).
STAFF_PREFIXES = ("/quan-tri/", "/kiem-duyet/", "/xem-truoc/")
OPEN_NAMES = ("security:verify", "security:setup", "admin:logout", "admin:jsi18n")


class TwoStepSignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            step = second_step(request.user)
            if step is not None and request.path not in {reverse(name) for name in OPEN_NAMES}:
                target = reverse("security:verify" if step == "verify" else "security:setup")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except on a redirect with no body or a 204, where a browser renders nothing.

    Building the two policies was a sixth of the middleware's CPU on a comment POST, whose answer is a
    redirect back to the article (and the view beacon's 204 is answered thousands of times a second);
    every page with a body still gets both headers.
    """

    def process_response(self, request, response):
        nothing_shown = isinstance(response, HttpResponseRedirectBase) or response.status_code == 204
        if nothing_shown and not response.content:
            return response
        return super().process_response(request, response)
