"""Every link a role can see leads somewhere it may go: a crawl of the admin and moderation pages per role.

The Django test client signs in as each role and follows every link under /quan-tri/ and /kiem-duyet/ on
the pages it reaches (links with a query string are opened but not followed further: filters and sort
orders would otherwise multiply without end). No page may answer 403.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
S = Article.Status
FOLLOWED = ("/quan-tri/", "/kiem-duyet/")
# Links that end the session or are not pages: opened by a POST form, never by a GET.
SKIPPED = ("/quan-tri/logout/",)
MAX_PAGES = 400


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(html, base):
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != "testserver":
            continue
        if not parts.path and parts.query:
            href = urlsplit(base).path + "?" + parts.query
        elif not parts.path.startswith("/"):
            continue  # relative links in the admin are ?query or #anchor; nothing else is written so
        else:
            href = parts.path + ("?" + parts.query if parts.query else "")
        found.append(href)
    return found


def crawl(client, start):
    """{url: status} for every page reached from ``start`` (and the page each was linked from)."""
    seen, refused, queue = {}, [], [(url, "start") for url in start]
    while queue:
        url, source = queue.pop(0)
        if url in seen or url.startswith(SKIPPED):
            continue
        assert len(seen) < MAX_PAGES, "the crawl did not end"
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 403:
            refused.append((url, source))
            continue
        follow = "?" not in url and urlsplit(url).path.startswith(FOLLOWED)
        if response.status_code == 200 and follow and "html" in response.get("Content-Type", ""):
            for link in links_on(response.content.decode(), url):
                if link not in seen:
                    queue.append((link, url))
    return seen, refused


@pytest.fixture
def newsroom_data(reporter, editor, moderator):
    """A story in every status (the reporter's), comments waiting, reported, decided and answered."""
    from comments import services as comment_services

    for status in S.values:
        article = ArticleFactory(status=status, created_by=reporter)
        if status in (S.DRAFT, S.SUBMITTED, S.RETURNED):
            Article.objects.filter(pk=article.pk).update(published_at=None)
    ArticleFactory(draft=True, created_by=editor)
    CommentFactory(status="pending")
    decided = CommentFactory(status="pending")
    comment_services.moderate_comment(comment=decided, moderator=moderator, to_status="approved")
    comment_services.reply_as_newspaper(comment=decided, staff=moderator, body="Cảm ơn bạn đã góp ý.")
    reported = CommentFactory()
    comment_services.report_comment(comment=reported, reason="spam")
    comment_services.report_comment(comment=CommentFactory(), reason="other")
    comment_services.resolve_reports(comment=reported, moderator=moderator)


ROLES = ["reporter", "editor", "managing_editor", "moderator", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_no_link_leads_to_403_for_role(client, request, role, newsroom_data):
    if role == "admin":
        user = User.objects.create_superuser("quantri", "quantri@baolaichau.example", "mat-khau-dai-123")
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)
    start = ["/quan-tri/"] + (["/kiem-duyet/"] if user.has_perm("comments.moderate_comment") else [])
    seen, refused = crawl(client, start)
    assert len(seen) > 5
    assert not refused, "403 from: " + "; ".join(f"{url} (linked from {source})" for url, source in refused)
