"""No link or button a role is shown leads to a refusal: a crawl of the admin and moderation pages per role.

The Django test client signs in as each role and opens every link on the pages it reaches under
/quan-tri/ and /kiem-duyet/ (links with a query string are opened but not followed further: filters and
sort orders would otherwise multiply without end), and presses every button of every form on them: each
POST runs inside a transaction that is rolled back, so the crawl sees the same newsroom throughout.
No page and no button may answer 403.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
S = Article.Status
FOLLOWED = ("/quan-tri/", "/kiem-duyet/")
# Signing out is a button too, but pressing it would end the crawl.
SKIPPED = ("/quan-tri/logout/",)
MAX_PAGES = 500


class _Page(HTMLParser):
    """The links of a page and its forms: each form's fields (as the browser would send them) and buttons."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.forms, self._form, self._textarea, self._select = [], {}, None, None, None

    def _owner(self, attrs):
        if attrs.get("form"):  # a field or button outside its form, naming it with form="id"
            return self.forms.setdefault(attrs["form"], _form_record())
        return self._form

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            key = attrs.get("id") or f"form-{len(self.forms)}"
            self._form = self.forms.setdefault(key, _form_record())
            self._form.update(method=attrs.get("method", "get").lower(), action=attrs.get("action", ""))
        elif tag in ("input", "button", "textarea", "select"):
            form = self._owner(attrs)
            if form is None:
                return
            kind = attrs.get("type", "submit" if tag == "button" else "text").lower()
            name = attrs.get("name")
            if tag == "button" or kind in ("submit", "image"):
                if kind != "button":
                    form["buttons"].append((name, attrs.get("value", "")))
            elif tag == "textarea" and name:
                self._textarea = (form, name)
                form["fields"].append([name, ""])
            elif tag == "select" and name:
                self._select = (form, name, [])
            elif name == "_selected_action":
                form["fields"].append([name, attrs.get("value", "")])  # every row, to try each action
            elif name and (kind not in ("checkbox", "radio") or "checked" in attrs):
                if kind != "file":
                    form["fields"].append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "option" and self._select:
            self._select[2].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[0]["fields"][-1][1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            form, name, options = self._select
            chosen = [value for value, selected in options if selected] or [v for v, _s in options[:1]]
            if name == "action":
                # The admin's action list: every action offered is a button of its own.
                form["buttons"].extend(("action", value) for value, _s in options if value)
            else:
                form["fields"].extend([name, value] for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def _form_record():
    return {"method": "get", "action": "", "fields": [], "buttons": []}


def _local(href, base):
    """The path and query of a link on this site, resolved against the page; None for anything else."""
    href = urldefrag(href)[0]
    if href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver":
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def read_page(html, base):
    parser = _Page()
    parser.feed(html)
    links = [link for link in (_local(href, base) for href in parser.hrefs) if link]
    return links, list(parser.forms.values())


def _press(client, user, url, form, button):
    """Submit ``form`` with ``button`` as the browser would; a POST is rolled back. (target, status)."""
    target = _local(form["action"], url) if form["action"] else url
    data = {}
    for name, value in form["fields"] + ([button] if button[0] else []):
        data.setdefault(name, []).append(value)
    if form["method"] != "post":
        return target, client.get(target, data).status_code
    with transaction.atomic():
        status = client.post(target, data).status_code
        transaction.set_rollback(True)
    if "_auth_user_id" not in client.session:
        client.force_login(user)  # a button that signed the person out: the crawl goes on signed in
    return target, status


def crawl(client, user, start):
    """(pages opened, buttons pressed, [(what answered 403, the page that showed it)])."""
    seen, pressed, refused, queue = {}, set(), [], [(url, "start") for url in start]
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
        if response.status_code != 200 or not follow or "html" not in response.get("Content-Type", ""):
            continue
        links, forms = read_page(response.content.decode(), url)
        queue.extend((link, url) for link in links if link not in seen)
        for form in forms:
            if form["action"] and (_local(form["action"], url) or "").startswith(SKIPPED):
                continue
            # A form without a button (a row's read-only view) is nothing a person can press.
            for button in form["buttons"]:
                key = (url, form["action"], form["method"], button)
                if key in pressed:
                    continue
                pressed.add(key)
                target, status = _press(client, user, url, form, button)
                if status == 403:
                    refused.append((f"{form['method'].upper()} {target} {button}", url))
    return seen, pressed, refused


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
    seen, pressed, refused = crawl(client, user, start)
    assert len(seen) > 5 and len(pressed) > 3
    assert not refused, "403 from: " + "; ".join(f"{url} (linked from {source})" for url, source in refused)


def test_the_crawl_notices_a_refused_page_and_button(client, editor, moderator, newsroom_data):
    """The crawl itself can fail: the moderators' buttons, pressed by an editor, are refused and reported."""
    client.force_login(moderator)
    _links, forms = read_page(client.get("/kiem-duyet/").content.decode(), "/kiem-duyet/")
    client.force_login(editor)
    statuses = [
        _press(client, editor, "/kiem-duyet/", form, button)[1]
        for form in forms
        if form["method"] == "post"
        for button in form["buttons"]
    ]
    assert len(statuses) > 3 and set(statuses) == {403}
    _seen, _pressed, refused = crawl(client, editor, ["/kiem-duyet/"])
    assert refused == [("/kiem-duyet/", "start")]
