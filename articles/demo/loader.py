"""Load the demo paper into an empty database: staff, sections and bylines, stories through the importer.

The stories are ``stories.jsonl``, in the archive import format, with times written as if today were
REFERENCE_DAY; they are shifted by whole days so the paper reads as fresh. Everything after the tables
(stories, comments, the second revision, the correction) goes through the services, as an editor's work
would: each story gets a revision and an "import" event, each comment a moderator's decision.
"""

import json
import secrets
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Author, Photo, Section, Tag
from articles.stories.importer import import_articles
from articles.stories.services import add_correction, add_live_entry, save_article, start_live
from articles.stories.workflow import Status
from comments.models import Comment, ModerationDecision
from comments.services import moderate_comment, reply_as_newspaper, report_comment, submit_comment
from newsroom.common.dates import VIETNAM
from newsroom.common.text import slugify_vi

from .painter import paint_file

STORIES_FILE = Path(__file__).with_name("stories.jsonl")
# The day stories.jsonl was written for: its times move by (today - REFERENCE_DAY) whole days.
REFERENCE_DAY = date(2026, 12, 1)

# --- The newsroom ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    description: str


# Menu order. A story names its section by name, as an archive would.
SECTIONS = (
    DemoSection("thoi-su", "Thời sự", "Tin tức chính trị, hoạt động của các cấp chính quyền trong tỉnh."),
    DemoSection(
        "quoc-phong-an-ninh", "Quốc phòng – An ninh", "Biên giới, quốc phòng toàn dân, an ninh trật tự."
    ),
    DemoSection("kinh-te", "Kinh tế", "Đầu tư, sản xuất, thương mại và thị trường."),
    DemoSection(
        "nong-nghiep-nong-thon", "Nông nghiệp – Nông thôn", "Sản xuất nông, lâm nghiệp và nông thôn mới."
    ),
    DemoSection("xa-hoi", "Xã hội", "Giáo dục, y tế, lao động – việc làm và an sinh xã hội."),
    DemoSection("van-hoa-du-lich", "Văn hóa – Du lịch", "Bản sắc các dân tộc, lễ hội và điểm đến Lai Châu."),
    DemoSection("the-thao", "Thể thao", "Phong trào thể dục thể thao và các giải đấu trong tỉnh."),
)


@dataclass(frozen=True)
class DemoAuthor:
    name: str
    bio: str
    username: str = ""  # the staff account that writes under this byline


AUTHORS = (
    DemoAuthor("Thu Hà", "Biên tập viên ban Thời sự, phụ trách tin chính trị – xã hội.", "bientap"),
    DemoAuthor(
        "Minh Anh", "Phóng viên ban Kinh tế, theo dõi nông nghiệp và thị trường nông sản.", "phongvien"
    ),
    DemoAuthor("Văn Tuấn", "Phóng viên thường trú tại các huyện biên giới Phong Thổ, Mường Tè."),
    DemoAuthor("Quang Huy", "Phóng viên ảnh, theo dõi du lịch và thể thao."),
    DemoAuthor("Hồng Nhung", "Phóng viên ban Văn hóa – Xã hội, theo dõi giáo dục và y tế."),
    DemoAuthor("Lò Hương", "Phóng viên theo dõi văn hóa các dân tộc thiểu số."),
    DemoAuthor("Tẩn Sử", "Cộng tác viên tại huyện Sìn Hồ."),
    DemoAuthor("Đức Lợi", "Phóng viên ban Quốc phòng – An ninh."),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    first_name: str
    last_name: str
    is_superuser: bool = False


# The role is the name of the account's group; the groups and their rights come from the migrations
# (articles 0004_roles, comments 0002_moderator_group), so demo accounts have exactly a real role's rights.
ACCOUNTS = (
    DemoAccount("thuky", "Thư ký tòa soạn", "Quốc Bảo", "Phạm"),
    DemoAccount("bientap", "Biên tập viên", "Thu Hà", "Lê"),
    DemoAccount("phongvien", "Phóng viên", "Minh Anh", "Nguyễn"),
    DemoAccount("kiemduyet", "Kiểm duyệt viên", "Thị Lan", "Hoàng"),
    DemoAccount("admin", "Quản trị", "Văn Quân", "Trần", is_superuser=True),
)

# --- What the newsroom did after the import, so every screen has something ---------------------------------


@dataclass(frozen=True)
class DemoComment:
    story: str  # external_id
    name: str
    body: str
    ip_address: str
    decision: str = ""  # the moderator's status; empty: left in the queue
    note: str = ""
    reply: str = ""  # the newspaper's answer, under the "Tòa soạn" badge
    report: tuple[str, str] | None = None  # a reader's (reason, detail), left open for the report queue


COMMENTS = (
    DemoComment(
        "demo-013",
        "Lò Thị Hoa",
        "Nhà tôi ở Bản Bo cũng hái chè đợt này, giá búp tươi năm nay đúng là khá hơn. Mong có thêm cơ sở "
        "thu mua để bà con không bị ép giá.",
        "203.0.113.11",
        decision=Comment.Status.APPROVED,
    ),
    DemoComment(
        "demo-013",
        "Nguyễn Văn Thắng",
        "Chè Tam Đường uống rất ngon, tôi ở Hà Nội vẫn nhờ người quen gửi về. Hợp tác xã có bán chè qua "
        "bưu điện không ạ?",
        "203.0.113.12",
        decision=Comment.Status.APPROVED,
        reply="Cảm ơn bạn đã quan tâm. Tòa soạn đã chuyển câu hỏi tới Hợp tác xã chè Tam Đường và sẽ đăng "
        "thông tin liên hệ trong số tới.",
    ),
    DemoComment(
        "demo-013",
        "Giàng Thị Mỷ",
        "Năm nay mưa nhiều, chè ở bản tôi bị sâu hơn mọi năm. Bao giờ cán bộ khuyến nông về hướng dẫn bà con "
        "phòng trừ ạ?",
        "203.0.113.13",
    ),
    DemoComment(
        "demo-019",
        "Hoàng Văn Tùng",
        "Cánh đồng Mường Than mùa này đẹp lắm, năm nào tôi cũng đưa các con về xem gặt lúa.",
        "203.0.113.14",
        decision=Comment.Status.APPROVED,
    ),
    DemoComment(
        "demo-019",
        "Người qua đường",
        "Cán bộ xã toàn ăn không ngồi rồi, viết bài khen làm gì cho mệt.",
        "203.0.113.15",
        decision=Comment.Status.REJECTED,
        note="Công kích, không góp ý về nội dung bài.",
    ),
    DemoComment(
        "demo-001",
        "Trần Minh Đức",
        "Đường vào xã Khun Há làm mãi chưa xong, mùa mưa đi lại rất vất vả. Mong huyện đôn đốc nhà thầu sớm "
        "hoàn thành.",
        "203.0.113.16",
        decision=Comment.Status.APPROVED,
        report=("false", "Đoạn đường này đã thông xe từ tháng trước."),
    ),
    DemoComment(
        "demo-001",
        "Vàng A Sính",
        "Cho tôi hỏi mương thủy lợi ở Bản Giang bao giờ thì làm xong ạ?",
        "203.0.113.17",
    ),
    DemoComment(
        "demo-001",
        "Vay Nhanh 24h",
        "Hỗ trợ vay tiền nhanh trong ngày, không cần thế chấp, xem tại vaynhanh24h.xyz",
        "198.51.100.200",
        decision=Comment.Status.SPAM,
    ),
)
# A reader who reports a comment (documentation address, like the commenters').
REPORTER_IP = "203.0.113.99"


@dataclass(frozen=True)
class DemoEdit:
    story: str
    lead: str
    note: str


# The editor sharpens a lead after publication: the story's second revision.
EDIT = DemoEdit(
    "demo-001",
    "Tam Đường yêu cầu các chủ đầu tư rà soát từng dự án, chuyển vốn từ nơi chậm sang nơi làm nhanh, để "
    "giải ngân trên 95% kế hoạch trước khi hết năm.",
    "Biên tập lại sapo cho gọn.",
)


@dataclass(frozen=True)
class DemoCorrection:
    story: str
    text: str


CORRECTION = DemoCorrection(
    "demo-002",
    "Bản đăng trước ghi nhầm tên xã là Tà Phìn; tên đúng là xã Tả Phìn, huyện Sìn Hồ. Tòa soạn xin lỗi bạn "
    "đọc.",
)


@dataclass(frozen=True)
class DemoLive:
    story: str  # external id
    started_minutes_ago: int
    entries: tuple  # (minutes ago, text), oldest first


# A story covered live, as the desk would that afternoon: the reader's page shows "Đang cập nhật".
LIVE = DemoLive(
    "demo-041",
    150,
    (
        (140, "Lễ khai mạc tại sân vận động huyện Tam Đường. 12 đội bóng của các xã, thị trấn tham dự."),
        (95, "Trận mở màn: Bình Lư gặp Bản Bo. Hết hiệp một, Bình Lư dẫn 1-0 nhờ pha đánh đầu ở phút 31."),
        (
            40,
            "Hết trận: Bình Lư thắng 2-1.\n\n"
            "Cầu thủ Lò Văn Thắng (Bình Lư) được bình chọn là cầu thủ xuất sắc nhất trận.",
        ),
        (10, "Trận thứ hai giữa Sơn Bình và Khun Há bắt đầu lúc 16 giờ. Khán đài kín chỗ."),
    ),
)

# --- Loading -----------------------------------------------------------------------------------------------


class DemoLoadError(Exception):
    """The demo could not be loaded; nothing was written. The message is for the person running it."""


class PasswordSource:
    ARGUMENT = "argument"
    SETTING = "setting"  # settings.DEMO_PASSWORD, from .env or the environment
    RANDOM = "random"  # a new one per account, printed once


@dataclass(frozen=True)
class Credentials:
    username: str
    role: str
    password: str


@dataclass(frozen=True)
class DemoSummary:
    loaded: bool  # False: the database already had stories and nothing was changed
    sections: int
    authors: int
    articles: int
    public: int
    drafts: int
    scheduled: int
    photos: int
    comments: int
    accounts: tuple[Credentials, ...] = ()
    password_source: str = ""
    warnings: tuple[str, ...] = ()  # what the importer warned about (none for the file as shipped)


def load_demo(*, now=None, password=None, reset=False):
    """Fill an empty database with the demo paper; with ``reset``, delete every story and its kin first.

    A database that already has a story is left alone (``loaded`` is False), so running it again keeps
    whatever an editor changed. Each account's password is ``password``, else ``settings.DEMO_PASSWORD``,
    else a new random one; the summary returns them. All or nothing: it runs in one transaction.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if reset:
            _delete_content()
        elif Article.objects.exists():
            return _summary(loaded=False, now=now, **_unchanged_accounts(password))
        users, credentials, source = _load_accounts(password)
        _load_sections()
        _load_authors(users)
        warnings = _import_stories(now=now)
        _seed_newsroom(users)
    return _summary(
        loaded=True, now=now, accounts=tuple(credentials), password_source=source, warnings=warnings
    )


def _delete_content():
    """Every comment, story, photo, tag, byline and section; accounts stay and are reset by the load."""
    # The moderation log is append-only and protects its comments; a reset is the one place it goes.
    ModerationDecision.objects.all().delete()
    Comment.objects.all().delete()  # with their flags, reports and replies
    Article.objects.all().delete()  # with revisions, events, corrections, bylines, photo uses, links
    Photo.objects.all().delete()  # with renditions; the files leave storage once the deletion commits
    Tag.objects.all().delete()
    Author.objects.all().delete()
    Section.objects.all().delete()


def _password_choice(password):
    """(the password every account gets, or "" for a random one each; where it comes from)."""
    if password:
        return password, PasswordSource.ARGUMENT
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD, PasswordSource.SETTING
    return "", PasswordSource.RANDOM


def _unchanged_accounts(password):
    """The demo accounts that still have the fixed demo password, to print again; none without one."""
    chosen, source = _password_choice(password)
    if not chosen:
        return {}
    users = get_user_model().objects.in_bulk([spec.username for spec in ACCOUNTS], field_name="username")
    accounts = tuple(
        Credentials(spec.username, spec.role, chosen)
        for spec in ACCOUNTS
        # The function, not user.check_password(): that one may re-hash and save, and this run writes nothing.
        if spec.username in users and check_password(chosen, users[spec.username].password)
    )
    return {"accounts": accounts, "password_source": source}


def _load_accounts(password):
    User = get_user_model()
    chosen, source = _password_choice(password)
    credentials, users = [], {}
    for spec in ACCOUNTS:
        group = None
        if not spec.is_superuser:
            group = Group.objects.filter(name=spec.role).first()
            if group is None:
                raise DemoLoadError(
                    _("Không có nhóm “%(group)s”: hãy chạy `manage.py migrate` trước.") % {"group": spec.role}
                )
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@baolaichau.example"
        user.is_staff, user.is_active, user.is_superuser = True, True, spec.is_superuser
        account_password = chosen or secrets.token_urlsafe(9)
        user.set_password(account_password)
        user.save()
        user.groups.set([group] if group else [])
        credentials.append(Credentials(spec.username, spec.role, account_password))
        users[spec.username] = user
    return users, credentials, source


def _load_sections():
    for position, spec in enumerate(SECTIONS, start=1):
        section = (
            Section.objects.filter(slug=spec.slug).first()
            or Section.objects.filter(name=spec.name).first()
            or Section()
        )
        section.slug, section.name, section.description = spec.slug, spec.name, spec.description
        section.position, section.is_active = position, True
        section.save()


def _load_authors(users):
    """The bylines with their bios, before the import, which then finds them by name."""
    for spec in AUTHORS:
        author = Author.objects.filter(name=spec.name).order_by("pk").first() or Author(name=spec.name)
        author.bio = spec.bio
        user = users.get(spec.username)
        # A user may already write under another byline; the demo does not take it away.
        if user is not None and not Author.objects.filter(user=user).exclude(pk=author.pk).exists():
            author.user = user
        author.save()


def _import_stories(*, now):
    """Import stories.jsonl, moved to today, with its photos painted beside it; the importer's warnings."""
    days = (timezone.localtime(now, VIETNAM).date() - REFERENCE_DAY).days
    with tempfile.TemporaryDirectory(prefix="newsroom-demo-") as folder:
        path = Path(folder) / STORIES_FILE.name
        files = set()
        with STORIES_FILE.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as target:
            for line in source:
                if not line.strip():
                    continue
                record = json.loads(line)
                if record.get("published_at"):
                    moment = datetime.fromisoformat(record["published_at"]) + timedelta(days=days)
                    record["published_at"] = moment.isoformat()
                files.update(photo["file"] for photo in record.get("photos", []))
                target.write(json.dumps(record, ensure_ascii=False) + "\n")
        for file in sorted(files):
            photo_path = Path(folder, *PurePosixPath(file).parts)
            photo_path.parent.mkdir(parents=True, exist_ok=True)
            photo_path.write_bytes(paint_file(photo_path.name))
        report = import_articles(path=path)
    if report.errors:
        raise DemoLoadError(
            _("Không nạp được các bài mẫu:\n%(errors)s") % {"errors": "\n".join(map(str, report.errors))}
        )
    return tuple(str(warning) for warning in report.warnings)


def _seed_newsroom(users):
    """Comments in every state, a reader's report, an editor's second revision and a correction."""
    moderator = users["kiemduyet"]
    stories = {spec.story for spec in COMMENTS} | {EDIT.story, CORRECTION.story}
    articles = Article.objects.select_related("section").in_bulk(list(stories), field_name="external_id")
    for spec in COMMENTS:
        comment = submit_comment(
            article=articles[spec.story],
            name=spec.name,
            email=f"{slugify_vi(spec.name)}@example.com",
            body=spec.body,
            ip_address=spec.ip_address,
            user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile",
        ).comment
        # A word list added in the admin may already have decided; the moderator's decision then stands.
        if spec.decision and comment.status != spec.decision:
            moderate_comment(comment=comment, moderator=moderator, to_status=spec.decision, note=spec.note)
        if spec.reply:
            reply_as_newspaper(comment=comment, staff=moderator, body=spec.reply)
        if spec.report:
            reason, detail = spec.report
            report_comment(comment=comment, reason=reason, detail=detail, ip_address=REPORTER_IP)

    edited = articles[EDIT.story]
    edited.lead = EDIT.lead
    save_article(article=edited, user=users["bientap"], note=EDIT.note)
    add_correction(article=articles[CORRECTION.story], user=users["thuky"], text=CORRECTION.text)
    _cover_live(users)


def _cover_live(users):
    """The live story: started by the editor, its entries posted by the reporter over the morning."""
    article = Article.objects.get(external_id=LIVE.story)
    now = timezone.now()
    started = now - timedelta(minutes=LIVE.started_minutes_ago)
    start_live(
        article=article, user=users["bientap"], planned_end=now + timedelta(hours=4), started_at=started
    )
    for minutes, text in LIVE.entries:
        add_live_entry(
            article=article, user=users["bientap"], text=text, posted_at=now - timedelta(minutes=minutes)
        )


def _summary(*, loaded, now, **extra):
    articles = Article.objects.all()
    return DemoSummary(
        loaded=loaded,
        sections=Section.objects.count(),
        authors=Author.objects.count(),
        articles=articles.count(),
        public=articles.published(at=now).count(),
        drafts=articles.filter(status=Status.DRAFT).count(),
        scheduled=articles.filter(status=Status.SCHEDULED, published_at__gt=now).count(),
        photos=Photo.objects.count(),
        comments=Comment.objects.count(),
        **extra,
    )
