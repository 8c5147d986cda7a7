"""The production stack for real: nginx in front of two granian app servers on one Redis and one PostgreSQL."""

import re
import threading
import time
from datetime import timedelta
from functools import partial
from html.parser import HTMLParser
from http.client import HTTPException

import pytest
from django.db import connections
from django.utils import timezone

from articles.models import Article
from articles.stories.services import save_article, transition_article
from comments.models import Comment, ModerationDecision
from tests.conftest import IN_CI
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    moderator_user,
    staff_user,
)

from .stack import restart_postgresql, throwaway_cluster, wait_for

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-dai-123"  # tests.factories' accounts
SENT, ALREADY_RECEIVED = "?binh-luan=cho-duyet#binh-luan", "?binh-luan=da-nhan#binh-luan"


# --- What a browser does ------------------------------------------------------------------------------------


class _FormFields(HTMLParser):
    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.found, self.fields = action, False, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found:
            self.inside = self.found = attrs.get("action") == self.action
        elif tag == "input" and self.inside and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_fields(html, action):
    """The inputs of the first form that posts to ``action``, as a browser would send them untouched."""
    parser = _FormFields(action)
    parser.feed(html)
    assert parser.found, f"no form posting to {action}"
    return parser.fields


def send_comment(client, article, *, name, email, body):
    """Read the article page's form, fetch a CSRF token as static/js/comments.js does, send the comment."""
    page = client.get(article.get_absolute_url())
    assert page.status == 200, page.status
    action = f"/binh-luan/gui/{article.pk}/"
    fields = form_fields(page.text, action)
    # The page is shared by every reader through the caches, so it carries no CSRF token of its own.
    assert fields["csrfmiddlewaretoken"] == ""
    fields["csrfmiddlewaretoken"] = client.get("/binh-luan/token/").json()["token"]
    # The honeypot ("website") stays as the form has it: empty.
    return client.post(action, {**fields, "name": name, "email": email, "body": body})


def sign_in(client, user):
    login = "/quan-tri/login/?next=/kiem-duyet/"
    fields = form_fields(client.get(login).text, login)
    done = client.post(login, {**fields, "username": user.username, "password": PASSWORD})
    assert (done.status, done.header("Location")) == (302, "/kiem-duyet/"), done.text[:500]


def seconds_until(condition, *, within, interval=0.1):
    """Seconds until ``condition()`` holds, trying for at most ``within`` seconds; None if it never did."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start >= within:
            return None
        time.sleep(interval)


def serves_from_page_cache(client, path):
    """Whether the app answers ``path`` from its page cache, reading it twice (the first read may fill it)."""
    client.get(path)
    return client.get(path).header("X-Page-Cache") == "hit"


def cached_by_nginx(client, path):
    wait_for(f"nginx to cache {path}", lambda: client.get(path).header("X-Cache") == "HIT", timeout=5)


class Poller(threading.Thread):
    """Reads pages in the background until stopped (at most ``limit`` reads), keeping every answer.

    ``{n}`` in a path is replaced by the read's number: a URL no cache has seen, which the app must render.
    """

    def __init__(self, client, paths, *, interval=0.1, limit=600):
        super().__init__(daemon=True)
        self.client, self.paths, self.interval, self.limit = client, paths, interval, limit
        self.stopping = threading.Event()
        self.answers, self.errors = [], []

    def run(self):
        for n in range(self.limit):
            if self.stopping.is_set():
                return
            path = self.paths[n % len(self.paths)].format(n=n)
            try:
                self.answers.append((path, self.client.get(path)))
            except (OSError, HTTPException) as error:
                self.errors.append(f"{path}: {error!r}")
            self.stopping.wait(self.interval)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.join(timeout=15)


# --- The tests ----------------------------------------------------------------------------------------------


def test_static_and_media_served_by_nginx_with_long_caching(stack, settings):
    settings.MEDIA_ROOT = stack.media_root  # the photo and its renditions land where nginx serves /media/
    article = ArticleFactory(title="Ruộng bậc thang Tả Van", cover_photo=PhotoFactory())
    browser = stack.browser()
    page = browser.get(article.get_absolute_url())
    assert page.status == 200
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text)[1]
    script = re.search(r'src="(/static/js/comments\.[0-9a-f]{12}\.js)"', page.text)[1]
    jpeg = re.search(r'<img src="(/media/[^"]+\.jpg)"', page.text)[1]
    webp = re.search(r'type="image/webp" srcset="(/media/\S+\.webp) ', page.text)[1]

    for path, content_type in ((stylesheet, "text/css"), (script, "application/javascript")):
        hashed = browser.get(path, headers={"Accept-Encoding": "gzip"})
        assert (hashed.status, hashed.header("Content-Type").split(";")[0]) == (200, content_type)
        # A hashed name never changes content: a year, immutable; collectstatic's .gz is sent as it is.
        assert hashed.header("Cache-Control") == "public, max-age=31536000, immutable"
        assert hashed.header("Content-Encoding") == "gzip"
        assert hashed.header("Strict-Transport-Security").startswith("max-age=31536000")
    # The unhashed copy may change with the next deploy: an hour only.
    assert browser.get("/static/css/site.css").header("Cache-Control") == "public, max-age=3600"

    for path, content_type in ((jpeg, "image/jpeg"), (webp, "image/webp")):
        photo = browser.get(path)
        assert (photo.status, photo.header("Content-Type")) == (200, content_type)
        assert photo.header("Cache-Control") == "public, max-age=2592000"
        assert photo.header("Content-Security-Policy") == "default-src 'none'; sandbox"
        assert photo.header("X-Content-Type-Options") == "nosniff"

    # Only images leave /media/: an HTML file there is a download in a sandbox, never a page of the site.
    (stack.media_root / "trang.html").write_text("<script>alert(1)</script>")
    planted = browser.get("/media/trang.html")
    assert (planted.status, planted.header("Content-Type")) == (200, "application/octet-stream")
    assert planted.header("Content-Security-Policy") == "default-src 'none'; sandbox"

    # Straight from disk: neither app server saw any of these requests (the page itself, one of them did).
    seen = [path for server in stack.app_servers for path in server.requested_paths()]
    assert article.get_absolute_url() in seen
    assert [path for path in seen if path.startswith(("/static/", "/media/"))] == []


def test_comment_sent_through_a_and_approved_through_b_shown_on_both_and_stored_once(stack, settings):
    # The moderator signs in on app server B, which must be able to read the password's hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    moderator = moderator_user()
    article = ArticleFactory(title="Lễ hội hoa ban Điện Biên")
    url = article.get_absolute_url()
    server_a, server_b = stack.app_servers
    comment = {
        "name": "Lò Thị Mai",
        "email": "mai@example.com",
        "body": "Hoa ban nở trắng núi rừng, mong năm sau được về.",
    }

    sent = send_comment(server_a.client(reader="203.0.113.5"), article, **comment)
    assert (sent.status, sent.header("Location")) == (302, url + SENT)
    # Sent again (a double click, a retry after a slow answer), through nginx to whichever server.
    again = send_comment(stack.browser(forwarded_for="203.0.113.5"), article, **comment)
    assert (again.status, again.header("Location")) == (302, url + ALREADY_RECEIVED)
    stored = Comment.objects.get(article=article)
    assert (stored.status, stored.ip_address) == (Comment.Status.PENDING, "203.0.113.5")

    reader = stack.browser()
    cached_by_nginx(reader, url)
    assert comment["body"] not in reader.get(url).text

    moderator_on_b = server_b.client()
    sign_in(moderator_on_b, moderator)
    queue = moderator_on_b.get("/kiem-duyet/")
    assert queue.status == 200 and comment["body"] in queue.text
    decision = {**form_fields(queue.text, "/kiem-duyet/quyet-dinh/"), "single": f"{stored.pk}:approved"}
    assert moderator_on_b.post("/kiem-duyet/quyet-dinh/", decision).status == 302
    approved = time.monotonic()

    # The purge is in the Redis both servers share: each shows the comment at once.
    for server in stack.app_servers:
        assert comment["body"] in server.client().get(url).text, server.name
    # nginx keeps its copy for at most s-maxage (EDGE_CACHE_SECONDS), then one background refresh.
    edge = int(stack.env["EDGE_CACHE_SECONDS"])
    assert seconds_until(lambda: comment["body"] in reader.get(url).text, within=edge + 3) is not None
    assert time.monotonic() - approved <= edge + 1.5

    assert Comment.objects.filter(article=article).count() == 1
    assert Comment.objects.get(article=article).status == Comment.Status.APPROVED
    assert ModerationDecision.objects.filter(comment=stored, moderator=moderator).count() == 1


def test_flood_limit_counts_one_reader_across_servers_not_two_readers_behind_the_proxy(stack):
    article = ArticleFactory(title="Chợ phiên Bắc Hà")
    server_a, server_b = stack.app_servers
    first = send_comment(
        server_a.client(reader="203.0.113.5"),
        article,
        name="Giàng A Pháo",
        email="phao@example.com",
        body="Chợ phiên rất đông vui, nhiều hàng thổ cẩm đẹp.",
    )
    assert first.status == 302
    # The same reader seconds later on the other server, under another email: the count is in the database.
    second = send_comment(
        server_b.client(reader="203.0.113.5"),
        article,
        name="Giàng A Pháo",
        email="phao.hai@example.com",
        body="Cho tôi hỏi đường lên chợ phiên đi thế nào?",
    )
    assert second.status == 429 and "quá nhanh" in second.text

    # Through nginx every request reaches the app from 127.0.0.1; each reader keeps their own address.
    other = send_comment(
        stack.browser(forwarded_for="198.51.100.7"),
        article,
        name="Vàng Thị Dở",
        email="do@example.com",
        body="Cảm ơn tòa soạn đã giới thiệu phiên chợ.",
    )
    assert other.status == 302
    same_again = send_comment(
        stack.browser(forwarded_for="203.0.113.5"),
        article,
        name="Giàng A Pháo",
        email="phao.ba@example.com",
        body="Chợ họp vào ngày nào trong tuần vậy?",
    )
    assert same_again.status == 429
    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == ["198.51.100.7", "203.0.113.5"]


def schedule_story(title, *, seconds):
    """A story scheduled by an editor through the services (the purge runs on commit); its publish time."""
    editor = staff_user("bientap", "Biên tập viên")
    section = SectionFactory(name="Du lịch")
    ArticleFactory(section=section, title="Mùa lúa chín Mù Cang Chải")
    story = Article(
        title=title,
        lead="Tuyến cáp treo đầu tiên của huyện vùng cao đón khách từ sáng nay.",
        body="<p>Hàng nghìn du khách đã đến dự lễ khai trương.</p>",
        section=section,
    )
    save_article(article=story, user=editor)
    publish_at = timezone.now() + timedelta(seconds=seconds)
    transition_article(article=story, user=editor, action="schedule", publish_at=publish_at)
    return story, publish_at.timestamp()


def watch_for_story(reader, story, paths, *, due, quiet=()):
    """Poll ``paths`` until each shows ``story`` or 5 s past ``due``: {path: seconds after due}, and any early."""
    first_seen, early = {}, []
    while len(first_seen) < len(paths) and time.time() < due + 5:
        if quiet and quiet[0] <= time.time() < quiet[1]:
            time.sleep(quiet[1] - time.time())
            continue
        for path in sorted(set(paths) - set(first_seen)):
            page = reader.get(path)
            assert page.status == 200, (path, page.status)
            if story.title in page.text:
                first_seen[path] = page.received_at - due
                if page.received_at < due:
                    early.append(path)
        time.sleep(0.2)
    return first_seen, early


def test_scheduled_story_appears_on_time_with_caches_warm(stack):
    story, due = schedule_story("Khai trương tuyến cáp treo Sìn Hồ", seconds=6)
    paths = ["/", story.section.get_absolute_url(), "/rss/", "/sitemap-news.xml"]
    reader = stack.browser()
    for path in paths:
        cached_by_nginx(reader, path)  # nginx has a copy, and so has Redis behind it
    assert time.time() < due - 2, "the caches took too long to warm: nothing left to test"

    # Nobody reads in the second around its time: here every copy must expire on time by itself (the next
    # test reads across that very moment).
    first_seen, early = watch_for_story(reader, story, paths, due=due, quiet=(due - 1.2, due + 0.05))
    assert early == []
    assert sorted(first_seen) == sorted(paths), (
        f"still missing 5 s after its time: {set(paths) - set(first_seen)}"
    )


def test_scheduled_story_appears_on_time_when_readers_arrive_at_its_moment(stack):
    # A front page of a real day's size, which takes some hundredths of a second to render.
    for n in range(40):
        ArticleFactory(section=SectionFactory(name=f"Chuyên mục {n % 10}"), title=f"Tin trong ngày số {n}")
    story, due = schedule_story("Khánh thành cầu treo Nậm Nhùn", seconds=2.5)

    # Two readers, one on each app server, ask for the home page 15 and 30 ms before the story's time: their
    # pages are queried before it and stored after it. Nobody else reads the page meanwhile.
    def read(server, lead):
        time.sleep(max(0.0, due - lead - time.time()))
        server.client().get("/")

    readers = [
        threading.Thread(target=read, args=args)
        for args in zip(stack.app_servers, (0.015, 0.03), strict=True)
    ]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=15)

    first_seen, early = watch_for_story(stack.browser(), story, ["/"], due=due)
    assert early == []
    assert list(first_seen) == ["/"], "the home page is still without the story 5 s after its time"


def test_pages_answer_while_redis_stops_and_starts_and_caching_resumes(stack):
    article = ArticleFactory(title="Mưa lớn ở Mường Tè")
    url = article.get_absolute_url()
    direct = stack.app_servers[0].client()
    assert [direct.get(url).header("X-Page-Cache") for _ in range(2)] == ["miss", "hit"]

    # Fresh URLs through nginx the whole time, so the app itself must answer each of them.
    with Poller(stack.browser(), [url + "?lan={n}", "/?lan={n}"]) as poller:
        time.sleep(0.3)
        stack.redis.stop()
        away = [direct.get(url) for _ in range(2)]
        assert [(page.status, page.header("X-Page-Cache")) for page in away] == [(200, "miss"), (200, "miss")]
        sent = send_comment(
            stack.browser(forwarded_for="203.0.113.9"),
            article,
            name="Lò Văn Sáng",
            email="sang@example.com",
            body="Mong bà con vùng lũ sớm ổn định cuộc sống.",
        )
        assert (sent.status, sent.header("Location")) == (302, url + SENT)
        time.sleep(1)
        stack.redis.start()  # empty, on the same port, as after a restart

        # Each app server asks Redis again RETRY_AFTER (2 s) after its last failure, then caches again.
        for server in stack.app_servers:
            resumed = partial(serves_from_page_cache, server.client(), url)
            assert seconds_until(resumed, within=10, interval=0.3) is not None, server.name
        time.sleep(0.3)

    assert poller.errors == []
    statuses = [(path, page.status) for path, page in poller.answers]
    assert len(statuses) >= 10 and {status for _path, status in statuses} == {200}, statuses
    assert all("Mưa lớn ở Mường Tè" in page.text for _path, page in poller.answers)
    assert Comment.objects.filter(article=article, ip_address="203.0.113.9").count() == 1


def test_site_recovers_by_itself_after_postgresql_restarts_and_nothing_is_lost(stack):
    data = throwaway_cluster()
    if data is None:
        message = (
            "needs the throwaway cluster of scripts/with-postgres ($PGHOST/data): this test restarts PostgreSQL, "
            "which it must not do to a server it does not own"
        )
        if IN_CI:
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
    article = ArticleFactory(title="Đường về bản Khun Há")
    kept = "Con đường mới giúp bà con đi lại dễ dàng hơn nhiều."
    CommentFactory(article=article, body=kept)
    url = article.get_absolute_url()
    reader = stack.browser()
    cached_by_nginx(reader, url)
    boots = [server.workers_booted() for server in stack.app_servers]
    # The log says when a worker starts: a count of none would make the comparison below say nothing.
    assert all(boots), [server.log_tail() for server in stack.app_servers]

    # A cached page (nginx, Redis), pages the app must render (fresh URLs) and the health check, all the time.
    paths = [url, url + "?lan={n}", "/?lan={n}"]
    with (
        Poller(stack.browser(), paths, interval=0.05) as poller,
        Poller(stack.app_servers[0].client(), ["/healthz"], interval=0.05) as health,
    ):
        time.sleep(0.3)
        restart_postgresql(data)
        restarted = time.monotonic()
        connections.close_all()  # this process's own connection died with the restart

        def renders():  # a URL no cache has seen: the app must query the database for it
            return reader.get(url + f"?sau={time.monotonic_ns()}").status == 200

        recovered = seconds_until(renders, within=20, interval=0.2)
        for server in stack.app_servers:
            assert seconds_until(server.healthy, within=20) is not None, server.name
        time.sleep(0.3)
    assert recovered is not None, f"no page rendered {time.monotonic() - restarted:.0f} s after the restart"

    answers = poller.answers + health.answers
    assert poller.errors == health.errors == []
    assert {page.status for _path, page in answers} <= {200, 503}, [
        (path, page.status) for path, page in answers
    ]
    for path, page in answers:
        assert "Traceback" not in page.text, path
        if page.status == 503 and path != "/healthz":
            assert page.header("Retry-After") and "Hệ thống đang tạm gián đoạn" in page.text, path
    # Nobody restarted the app: the same app servers, no worker replaced.
    assert all(server.alive for server in stack.app_servers)
    assert [server.workers_booted() for server in stack.app_servers] == boots

    assert Article.objects.filter(pk=article.pk, title="Đường về bản Khun Há").exists()
    assert list(Comment.objects.filter(article=article).values_list("body", flat=True)) == [kept]
    assert kept in reader.get(url + "?sau-cung").text
    sent = send_comment(
        stack.browser(forwarded_for="198.51.100.20"),
        article,
        name="Tráng A Lử",
        email="lu@example.com",
        body="Cảm ơn các anh chị công nhân làm đường.",
    )
    assert (sent.status, Comment.objects.filter(article=article).count()) == (302, 2)


def test_healthz_through_nginx_answers_with_the_health_check(stack):
    answer = stack.browser().get("/healthz")
    assert (answer.status, answer.json()) == (200, {"database": "ok", "cache": "ok"})


def test_sign_in_failures_are_counted_across_both_app_servers(stack, settings):
    # django-axes counts in the database both servers share: an attacker who spreads wrong passwords over
    # the app servers behind the proxy is locked after the same five tries as on one server.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    moderator = moderator_user()
    server_a, server_b = stack.app_servers
    login = "/quan-tri/login/"

    def attempt(server, password):
        client = server.client(reader="198.51.100.66")
        fields = form_fields(client.get(login).text, login)
        return client.post(login, {**fields, "username": moderator.username, "password": password})

    statuses = [attempt(server, "doan-bua").status for server in (server_a, server_b, server_a, server_b)]
    assert statuses == [200, 200, 200, 200]  # the form again, each time
    assert attempt(server_b, "doan-bua").status == 429  # the fifth, on either server, locks
    locked = attempt(server_a, PASSWORD)
    assert locked.status == 429 and "Tạm khóa đăng nhập" in locked.text  # even the right password, on A too


BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


def test_views_are_counted_once_per_reader_across_servers_and_ranked_on_the_home_page(stack):
    from articles.models import DailyViews
    from articles.site.readership import flush_views

    read, unread = ArticleFactory(title="Mùa hoa tớ dày"), ArticleFactory(title="Bài ít người đọc")
    server_a, server_b = stack.app_servers
    beacon = f"/luot-doc/{read.pk}/"
    as_browser = {"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin"}
    answers = [
        # One reader through nginx and on each app server: one view; two more readers: two more.
        stack.browser(forwarded_for="203.0.113.5").post(beacon, {}, headers=as_browser),
        server_a.client(reader="203.0.113.5").post(beacon, {}, headers=as_browser),
        server_b.client(reader="203.0.113.5").post(beacon, {}, headers=as_browser),
        stack.browser(forwarded_for="198.51.100.7").post(beacon, {}, headers=as_browser),
        server_b.client(reader="192.0.2.44").post(beacon, {}, headers=as_browser),
        # A crawler, and a post from another site's page, count for nothing.
        stack.browser(forwarded_for="192.0.2.50").post(
            beacon, {}, headers={**as_browser, "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}
        ),
        stack.browser(forwarded_for="192.0.2.51").post(
            beacon,
            {},
            headers={**as_browser, "Origin": "https://bao-khac.example", "Sec-Fetch-Site": "cross-site"},
        ),
    ]
    assert [answer.status for answer in answers] == [204] * 6 + [403]
    assert all("Set-Cookie" not in answer.headers for answer in answers)
    stack.browser(forwarded_for="198.51.100.8").post(f"/luot-doc/{unread.pk}/", {}, headers=as_browser)

    flush_views(now=time.time() + 70)  # the counts are in the stack's Redis; this process writes them
    assert DailyViews.objects.get(article=read).views == 3
    assert DailyViews.objects.get(article=unread).views == 1
    # From an app server: nginx's micro-cache may still hold a home page an earlier test read (5 s).
    home = server_a.client().get("/").text
    ranked = re.search(r'id="doc-nhieu-hom-nay".*?</ol>', home, re.DOTALL).group(0)
    assert ranked.index("Mùa hoa tớ dày") < ranked.index("Bài ít người đọc")


def test_a_live_entry_reaches_readers_polling_through_nginx_and_both_app_servers(stack):
    from datetime import timedelta as hours

    from articles.stories.services import add_live_entry, start_live

    editor = staff_user("bt-truc-tiep", "Biên tập viên")
    story = ArticleFactory(title="Trực tiếp: Khai mạc giải bóng đá thanh niên")
    start_live(article=story, user=editor, planned_end=timezone.now() + hours(hours=3))
    add_live_entry(article=story, user=editor, text="Lễ khai mạc bắt đầu.")
    reader = stack.browser()
    page = reader.get(story.get_absolute_url())
    assert page.status == 200 and "Đang cập nhật" in page.text
    stamp = re.search(r'data-stamp="([0-9a-f]+)"', page.text).group(1)
    poll = f"/truc-tiep/{story.pk}/?sau={stamp}"

    # Readers on the same stamp share nginx's copy: a few bytes, no cookie, the app not asked.
    cached_by_nginx(reader, poll)
    same = reader.get(poll)
    assert same.json() == {"stamp": stamp, "live": True, "poll": 15, "changed": False}
    assert "Set-Cookie" not in same.headers

    entry = add_live_entry(article=story, user=editor, text="Phút 31: Bình Lư mở tỷ số.")
    for server in stack.app_servers:  # purged in the shared Redis: each app server answers the change
        changed = server.client().get(poll).json()
        assert changed["changed"] and changed["entries"][0]["id"] == entry.pk
    # Through nginx, once its micro-copy (EDGE_CACHE_SECONDS) is over: within one polling interval.
    wait_for("nginx to pass the new entry on", lambda: reader.get(poll).json()["changed"], timeout=7)
