"""Every admin and moderation screen each role can reach, at 390 and 1280 px: not one English word on screen.

"English word" is measured, not guessed. The vocabulary is every word of the English messages of the
software that draws these screens: Django's own catalogues (core, admin and its JavaScript, auth,
contenttypes, sessions), django-axes, django-otp, django-prose-editor's catalogue and the labels its
toolbar writes in code, and the names of every model and field we install (what Django shows for a field
without a ``verbose_name``). From it we take out only:

- words that are also Vietnamese syllables written without marks ("an", "tin", "con"...): a word of that
  shape that appears in the Vietnamese side of a Vietnamese catalogue is Vietnamese, not English;
- ALLOWED: a few names that a Vietnamese newsroom writes as they are;
- data, not interface: e-mail addresses, file paths, slugs and the test accounts' user names (the
  superuser is "quantri", so that the English word "admin" stays caught).

What is read: every text node of the page (hidden ones too: a closed dialog or a collapsed menu opens
later), the title, and the ``aria-label``, ``title``, ``placeholder`` and ``alt`` attributes and the text
of buttons. Not read: scripts and styles, the textarea behind the body editor (the story's own HTML), and
the icon font's ligature names (``format_bold`` is drawn as a glyph; its button has an aria-label).
"""

import re
from functools import cache
from pathlib import Path

import django
import pytest
from django.apps import apps

from tests.factories import ArticleFactory, CommentFactory, PhotoFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)

# Names written as they are in a Vietnamese newsroom: the product and standards' names, and the two
# words every Vietnamese office says in English (Email, URL), as the newsroom's own style guide does.
ALLOWED = {
    "django",  # the software's name (the admin's "Django" credit is not shown, but its name may be)
    "email",  # "Email" is the Vietnamese word for it in offices and in Django's own vi catalogue
    "url",
    "html",
    "ip",
    "id",
    "totp",  # the standard's name (RFC 6238)
    "otp",
    "csv",
    "json",
    "spam",  # a loanword: Vietnamese says "spam" (and so does our own Comment.Status)
    "web",  # "trang web": a loanword
    "alt",  # the key on the keyboard, and the HTML attribute the photo form names
    "control",  # key names, as printed on the keys ("Control", "Command" on a Mac)
    "command",
}

# The project's Vietnamese text: every line of our code and templates that has a marked letter.
PROJECT = Path(__file__).resolve().parent.parent
VIETNAMESE_SOURCES = [
    "templates/**/*.html",
    "articles/**/*.py",
    "comments/**/*.py",
    "newsroom/**/*.py",
    "tests/factories.py",
]

# Data, not interface text: user agents, e-mail addresses, paths and file names, hashes, slugs, the test
# accounts' names.
DATA = re.compile(
    r"Mozilla/.*"  # a browser's user agent, as the sign-in audit shows it
    r"|\S+@\S+|\S+/\S+\.\w+|(?<!\S)/\S*|\b[0-9a-f]{16,}\b|\w+(?:-\w+)+"
    r"|\b(?:quantri|phongvien|bientap|thuky|kiemduyet)\b",
    re.IGNORECASE,
)

# A Vietnamese syllable written without its marks: an initial, a vowel group, a final.
VIETNAMESE_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(uye|uya|oai|oay|uay|uoi|uou|ieu|yeu|uyu|oeo|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|"
    r"[aeiouy])"
    r"(ng|nh|ch|[cmnpt])?$"
)

WORD = re.compile(r"[^\W\d_]+")


def _site_packages():
    return Path(django.__file__).parent.parent


def _msgids(path):
    import polib

    for entry in polib.pofile(str(path)):
        yield entry.msgid
        if entry.msgid_plural:
            yield entry.msgid_plural


def _english_catalogues():
    site = _site_packages()
    dj = site / "django"
    paths = [
        dj / "conf/locale/en/LC_MESSAGES/django.po",
        dj / "contrib/admin/locale/en/LC_MESSAGES/django.po",
        dj / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
        dj / "contrib/auth/locale/en/LC_MESSAGES/django.po",
        dj / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
        dj / "contrib/sessions/locale/en/LC_MESSAGES/django.po",
        # The other apps ship no English catalogue: their German one lists every msgid.
        site / "axes/locale/de/LC_MESSAGES/django.po",
        site / "django_otp/locale/de/LC_MESSAGES/django.po",
        site / "django_prose_editor/locale/de/LC_MESSAGES/djangojs.po",
        site / "django_prose_editor/locale/de/LC_MESSAGES/django.po",
    ]
    for path in paths:
        assert path.exists(), f"{path} is gone: the English vocabulary would shrink without anyone noticing"
    return paths


def _prose_editor_labels():
    """The labels django-prose-editor writes in code, not through gettext: button titles, menu options."""
    source = (_site_packages() / "django_prose_editor/static/django_prose_editor/editor.js").read_text()
    labels = re.findall(r'(?:material|text|svg)\("[^"]*","([^"]+)"\)', source)
    labels += re.findall(r'(?:textContent|title|label):"([^"]+)"', source)
    labels += re.findall(r"`(Heading|heading) \$\{", source)
    assert len(labels) > 30, "django-prose-editor's labels were not found: has editor.js changed shape?"
    return labels


def _model_names():
    """What Django shows for a model or field without a verbose name: its English identifier."""
    from django.utils import translation

    with translation.override("en"):
        for model in apps.get_models():
            options = model._meta
            yield re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", model.__name__)
            ours = options.app_label in ("articles", "comments", "newsroom")
            if not ours:  # our own verbose names are Vietnamese ("sapo" is a word of the trade)
                yield str(options.verbose_name)
                yield str(options.verbose_name_plural)
            for field in options.get_fields():
                yield field.name.replace("_", " ")
                if hasattr(field, "verbose_name") and not ours:
                    yield str(field.verbose_name)


def _vietnamese_texts():
    import polib

    site = _site_packages()
    paths = list((site / "django").glob("**/locale/vi/LC_MESSAGES/*.po"))
    paths += list(PROJECT.glob("locale/vi/LC_MESSAGES/*.po"))
    for path in paths:
        for entry in polib.pofile(str(path)):
            yield entry.msgstr
            yield from entry.msgstr_plural.values()
    for pattern in VIETNAMESE_SOURCES:
        for path in PROJECT.glob(pattern):
            for line in path.read_text().splitlines():
                if any(not char.isascii() and char.isalpha() for char in line):
                    yield line


def _words(text):
    """The words of ``text``: contractions' tails (don’t, we’ve) and single letters are not words."""
    text = re.sub(r"[’'][a-z]+\b", " ", text)
    return [word for word in WORD.findall(text) if word.isascii() and len(word) > 1]


@cache
def english_words():
    english = set()
    texts = [msgid for path in _english_catalogues() for msgid in _msgids(path)]
    texts += _prose_editor_labels() + list(_model_names())
    for text in texts:
        # Placeholders (%(name)s, {name}) and tags are not words of the message.
        text = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|&\w+;", " ", text)
        english.update(word.lower() for word in _words(text))
    vietnamese = set()
    for text in _vietnamese_texts():
        vietnamese.update(word.lower() for word in _words(text) if VIETNAMESE_SYLLABLE.match(word.lower()))
    return frozenset(english - vietnamese - ALLOWED)


# Every piece of text on the page, with where it is: [where, text].
COLLECT = r"""() => {
  const found = [];
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    else if (el.classList.length) name += '.' + [...el.classList].slice(0, 2).join('.');
    const parent = el.parentElement;
    return parent ? (parent.id ? parent.tagName.toLowerCase() + '#' + parent.id + ' > ' : '') + name : name;
  };
  found.push(['<title>', document.title]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, noscript, textarea, .material-icons')) continue;
    const text = node.textContent.trim();
    // The password field's summary shows the hash's salt masked ("GO****…"): random letters, not words.
    if (el.tagName === 'BDI' && /^\S{1,8}\*{4,}$/.test(text)) continue;
    if (text) found.push([describe(el), text]);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type=submit], input[type=button], input[type=reset]')) {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(attribute);
      if (value && value.trim()) found.push([describe(el) + '[' + attribute + ']', value]);
    }
    if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && el.value) {
      found.push([describe(el) + '[value]', el.value]);
    }
  }
  return found;
}"""


class EnglishOnScreen:
    """What the tour found: each English text once, with the first page and element it was seen on."""

    def __init__(self):
        self.found = {}
        self.screens = 0

    def scan(self, page, label):
        self.screens += 1
        vocabulary = english_words()
        for where, text in page.evaluate(COLLECT):
            words = sorted({word for word in _words(DATA.sub(" ", text)) if word.lower() in vocabulary})
            if words and text not in self.found:
                self.found[text] = (label, where, words)

    def report(self):
        lines = [f"{len(self.found)} English text(s) on screen:"]
        for text, (label, where, words) in sorted(self.found.items(), key=lambda item: item[1][0]):
            lines.append(f"  {label} | {where} | {', '.join(words)} | {text[:120]!r}")
        return "\n".join(lines)


def _settle(page):
    page.wait_for_load_state("load")
    if page.locator("textarea[data-django-prose-editor-configurable]").count():
        page.locator(".prose-editor .ProseMirror").first.wait_for(state="attached")


def _visit(page, path, seen, label):
    page.goto(path)
    _settle(page)
    seen.scan(page, f"{label} {path}")


def _admin_links(page):
    """The change lists and add forms the desk's navigation offers this person."""
    hrefs = page.eval_on_selector_all(
        "#nav-sidebar a[href], #content-main .module a[href]",
        "links => links.map(a => a.getAttribute('href'))",
    )
    return sorted({href.split("?")[0] for href in hrefs if re.match(r"^/quan-tri/\w+/\w+/(add/)?$", href)})


def _editor_dialogs(page, seen, label):
    """Open the body editor's link and HTML dialogs and read them, then close them."""
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    editor.press_sequentially("Chữ")
    editor.press("Shift+Home")
    for icon in ("insert_link", "code"):
        page.locator(".prose-editor button.material-icons", has_text=re.compile(f"^{icon}$")).first.click()
        page.locator("dialog[open]").first.wait_for()
        seen.scan(page, f"{label} {page.url} [{icon} dialog]")
        page.locator("dialog[open] button[value=cancel]").first.click()
        page.locator("dialog[open]").wait_for(state="detached")


def _tour(page, seen, label, article, width):
    page.set_viewport_size({"width": width, "height": 900})
    _visit(page, "/quan-tri/", seen, label)
    links = _admin_links(page)
    for href in links:
        _visit(page, href, seen, label)
        if href.endswith("/add/"):
            if page.locator("textarea[data-django-prose-editor-configurable]").count():
                _editor_dialogs(page, seen, label)
            save = page.locator("input[name=_save]")
            if save.count():
                save.click()
                _settle(page)
                seen.scan(page, f"{label} {href} [sent empty]")
            continue
        first = page.locator("#result_list tbody th a, #result_list tbody td.field-__str__ a").first
        if first.count():
            change = first.get_attribute("href")
            _visit(page, change, seen, label)
            _visit(page, change.replace("/change/", "/history/"), seen, label)
    if "/quan-tri/articles/article/" in links:
        _visit(page, f"/quan-tri/articles/article/{article.pk}/phien-ban/", seen, label)
    _visit(page, "/quan-tri/password_change/", seen, label)
    page.fill("#id_old_password", "sai-mat-khau")
    page.fill("#id_new_password1", "ngan")
    page.fill("#id_new_password2", "khac")
    page.locator("input[type=submit]").click()
    _settle(page)
    seen.scan(page, f"{label} /quan-tri/password_change/ [sent wrong]")
    for path in (
        "/kiem-duyet/",
        "/kiem-duyet/bao-cao/",
        "/kiem-duyet/nhat-ky/",
        "/quan-tri/khong-co-trang-nay/",
    ):
        _visit(page, path, seen, label)


def _newsroom_with_one_of_everything():
    from django.contrib.auth.models import User

    from comments.services import moderate_comment, report_comment

    moderator = staff_user("kiemduyet", "Kiểm duyệt viên")
    staff_user("phongvien", "Phóng viên")
    staff_user("bientap", "Biên tập viên")
    staff_user("thuky", "Thư ký tòa soạn")
    User.objects.create_superuser("quantri", "quantri@baolaichau.example", "mat-khau-dai-123")
    article = ArticleFactory()
    PhotoFactory()
    CommentFactory(article=article, status="pending")
    reported = CommentFactory(article=article)
    report_comment(comment=reported, reason="spam", ip_address="203.0.113.9")
    moderate_comment(
        comment=CommentFactory(article=article, status="pending"), moderator=moderator, to_status="approved"
    )
    return article


MINIMUM_SCREENS = {"phongvien": 40, "bientap": 40, "thuky": 60, "kiemduyet": 25, "quantri": 100}


@pytest.mark.parametrize("username", ["phongvien", "bientap", "thuky", "kiemduyet", "quantri"])
def test_staff_screens_show_no_english_word(browser_for, username):
    article = _newsroom_with_one_of_everything()
    page = browser_for(username)
    seen = EnglishOnScreen()
    for width in WIDTHS:
        _tour(page, seen, f"{username}@{width}", article, width)
    print(f"{username}: {seen.screens} screens read")
    print(seen.report())
    # The tour really went round: every role has its lists, forms, errors, password and moderation pages.
    assert seen.screens >= MINIMUM_SCREENS[username]
    assert not seen.found, seen.report()


def test_english_vocabulary_catches_the_words_the_issue_saw():
    # The measure cannot pass trivially: the English the issue reported is in the vocabulary.
    words = english_words()
    for word in [
        "please",
        "correct",
        "errors",
        "counts",
        "width",
        "height",
        "bold",
        "undo",
        "heading",
        "paragraph",
        "prettify",
        "update",
        "reset",
        "password",
        "choose",
        "permission",
        "user",
        "group",
        "session",
        "superuser",
        "forbidden",
        "skip",
        "toggle",
        "theme",
        "devices",
        "static",
        "window",
        "insert",
        "link",
        "delete",
        "change",
        "view",
        "add",
    ]:
        assert word in words, word
    # ...and Vietnamese written without marks is not.
    for word in ["an", "tin", "con", "ban", "sang"]:
        assert word not in words, word


def test_body_editor_labels_are_vietnamese_and_the_story_text_is_left_alone(browser_for):
    staff_user("phongvien", "Phóng viên")
    page = browser_for("phongvien")
    page.goto("/quan-tri/articles/article/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    # A story may well contain the very words the toolbar is labelled with.
    editor.press_sequentially("Paragraph bold undo")
    editor.press("Enter")
    editor.press_sequentially("Heading 2")
    page.wait_for_timeout(200)
    assert page.locator(".prose-menubar button[title='Chữ đậm']").count() == 1
    assert page.locator(".prose-menubar button[aria-label='Chèn liên kết']").count() == 1
    assert [line for line in editor.inner_text().split("\n") if line] == ["Paragraph bold undo", "Heading 2"]
    assert page.locator("textarea#id_body").input_value() == "<p>Paragraph bold undo</p><p>Heading 2</p>"
