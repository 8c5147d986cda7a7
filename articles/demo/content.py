"""Demo content for a small provincial paper (Báo Lai Châu): sections, bylines, stories, photos and staff accounts.

Everything is written or drawn here, nothing is downloaded. The loader is idempotent: rows are keyed by a
natural key (slug, name, username, ``external_id``, photo checksum) and updated in place on a second run.
"""

import hashlib
import io
import math
import random
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from .dates import VIETNAM
from .models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from .text import slugify_vi

# ---------------------------------------------------------------------------------------------------------
# Sections, bylines and accounts
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    description: str


# Menu order; related stories are picked from the same section or the one beside it in this list.
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
    username: str = ""


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
PHOTOGRAPHER = "Quang Huy"

# Who covers each section: a story's first byline rotates through its desk, every third story has two.
DESKS = {
    "thoi-su": ("Thu Hà", "Văn Tuấn"),
    "quoc-phong-an-ninh": ("Đức Lợi", "Văn Tuấn"),
    "kinh-te": ("Minh Anh", "Văn Tuấn"),
    "nong-nghiep-nong-thon": ("Minh Anh", "Tẩn Sử"),
    "xa-hoi": ("Hồng Nhung", "Thu Hà"),
    "van-hoa-du-lich": ("Lò Hương", "Quang Huy"),
    "the-thao": ("Quang Huy", "Đức Lợi"),
}


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

# ---------------------------------------------------------------------------------------------------------
# The people quoted in stories
# ---------------------------------------------------------------------------------------------------------

PEOPLE = {
    "dan": (
        ("ông", "Lò Văn Pâng"),
        ("bà", "Vàng Thị Mai"),
        ("ông", "Giàng A Dơ"),
        ("ông", "Lý Seo Chin"),
        ("bà", "Lù Thị Xuân"),
        ("bà", "Phàn Thị Chiêm"),
        ("ông", "Chảo Văn Lở"),
        ("ông", "Sùng A Páo"),
        ("bà", "Lồ Thị Dua"),
        ("bà", "Tao Thị Ín"),
        ("ông", "Đèo Văn Khiêm"),
        ("bà", "Tráng Thị Dở"),
        ("ông", "Vù A Sài"),
        ("bà", "Lò Thị Biên"),
        ("ông", "Tẩn Văn Chìu"),
    ),
    "can_bo": (
        ("ông", "Hoàng Văn Nhất"),
        ("ông", "Lò Văn Khánh"),
        ("bà", "Lê Thị Hạnh"),
        ("ông", "Phạm Văn Đức"),
        ("bà", "Trần Thị Thu Hương"),
        ("ông", "Đỗ Mạnh Hùng"),
        ("ông", "Tao Văn Ín"),
        ("bà", "Vàng Thị Sinh"),
        ("ông", "Giàng A Chu"),
    ),
    "giao_vien": (
        ("cô", "Nguyễn Thị Hường"),
        ("thầy", "Đỗ Văn Thành"),
        ("cô", "Lò Thị Thanh"),
        ("thầy", "Phạm Quang Minh"),
    ),
    "khach": (
        ("chị", "Nguyễn Thu Trang"),
        ("anh", "Trần Đức Mạnh"),
        ("chị", "Phạm Ngọc Linh"),
        ("anh", "Lê Hoàng Nam"),
    ),
    "thanh_nien": (
        ("anh", "Lò Văn Hưng"),
        ("anh", "Giàng A Tủa"),
        ("anh", "Tẩn Láo Lở"),
        ("anh", "Vàng A Chinh"),
    ),
    "quan": (
        ("Trung tá", "Nguyễn Văn Hải"),
        ("Thiếu tá", "Lò Văn Thương"),
        ("Thượng tá", "Trần Quang Vinh"),
        ("Thiếu tá", "Hoàng Văn Kiên"),
        ("Đại úy", "Vàng A Chá"),
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Paragraph pools: a story is its own opening paragraphs, then paragraphs drawn from its topic's pool.
# Placeholders: {huyen}, {xa}, {ban}, {don} (border post), {nguoi} (name and role of the person quoted)
# and the numbers made in _story_context.
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    text: str
    people: str
    roles: tuple = ("",)


@dataclass(frozen=True)
class Topic:
    middles: tuple
    quotes: tuple
    closers: tuple
    captions: tuple
    scenes: tuple


TOPICS = {
    "chinh-quyen": Topic(
        middles=(
            "Theo báo cáo của Ủy ban nhân dân huyện {huyen}, từ đầu năm đến nay địa phương đã tập trung chỉ "
            "đạo các nhiệm vụ trọng tâm, ưu tiên nguồn lực cho những xã đặc biệt khó khăn. Nhiều chỉ tiêu về "
            "thu ngân sách, giảm nghèo và phát triển sản xuất đạt và vượt kế hoạch.",
            "Bên cạnh kết quả đạt được, các ý kiến cũng thẳng thắn chỉ ra hạn chế: tiến độ một số công trình "
            "còn chậm, việc giải phóng mặt bằng gặp vướng mắc, năng lực của một bộ phận cán bộ cơ sở chưa đáp "
            "ứng yêu cầu. Những tồn tại này đã được ghi nhận để có giải pháp khắc phục.",
            "Để tạo thuận lợi cho người dân, {huyen} đẩy mạnh cải cách thủ tục hành chính, công khai quy trình "
            "giải quyết hồ sơ tại bộ phận một cửa. Tỷ lệ hồ sơ được giải quyết đúng và trước hạn đạt {ty_le}%, "
            "người dân không còn phải đi lại nhiều lần.",
            "Quy chế dân chủ ở cơ sở được thực hiện nghiêm. Những việc lớn như quy hoạch khu dân cư, mở đường, "
            "xây dựng công trình công cộng đều được đưa ra họp bản, lấy ý kiến nhân dân trước khi triển khai.",
        ),
        quotes=(
            Quote(
                "Phát biểu tại buổi làm việc, {nguoi} nhấn mạnh: “Mỗi cán bộ phải bám sát cơ sở, lắng nghe ý "
                "kiến của người dân. Việc gì đã hứa với dân thì phải làm đến nơi đến chốn, có kết quả cụ thể.”",
                "can_bo",
                ("Chủ tịch UBND huyện {huyen}", "Bí thư Huyện ủy {huyen}"),
            ),
            Quote(
                "{nguoi} cho biết: “Giải quyết kịp thời những kiến nghị chính đáng của người dân là thước đo "
                "hiệu quả công việc của chính quyền. Ý kiến nào thuộc thẩm quyền sẽ được trả lời ngay, ý kiến "
                "nào vượt thẩm quyền sẽ được tổng hợp báo cáo cấp trên.”",
                "can_bo",
                ("Chủ tịch UBND xã {xa}", "Phó Chủ tịch HĐND huyện {huyen}"),
            ),
        ),
        closers=(
            "Thời gian tới, huyện {huyen} tiếp tục đôn đốc các ngành, các xã thực hiện nghiêm những nội dung đã "
            "đề ra, phấn đấu hoàn thành toàn diện các mục tiêu của năm.",
            "Kết thúc buổi làm việc, lãnh đạo huyện giao các phòng, ban chuyên môn tiếp thu đầy đủ ý kiến, xây "
            "dựng kế hoạch cụ thể và báo cáo kết quả trong tháng tới.",
        ),
        captions=(
            "Quang cảnh buổi làm việc tại huyện {huyen}.",
            "Cán bộ bộ phận một cửa xã {xa} hướng dẫn người dân làm thủ tục.",
            "Người dân xã {xa} phát biểu ý kiến.",
        ),
        scenes=("hoang-hon", "thung-lung"),
    ),
    "giam-ngheo": Topic(
        middles=(
            "Những năm qua, nguồn vốn từ các chương trình mục tiêu quốc gia được huyện {huyen} tập trung cho "
            "các xã, bản khó khăn nhất. Bà con được hỗ trợ giống cây trồng, vật nuôi, vay vốn ưu đãi và tập "
            "huấn kỹ thuật sản xuất.",
            "Theo kết quả rà soát, xã {xa} còn {so_ho} hộ nghèo và cận nghèo, phần lớn thiếu đất sản xuất và "
            "thiếu lao động. Mỗi hộ đều có cán bộ, đảng viên theo dõi, giúp đỡ để tìm phương án thoát nghèo "
            "phù hợp.",
            "Không chỉ hỗ trợ vật chất, các đoàn thể còn thường xuyên xuống bản vận động bà con thay đổi nếp "
            "nghĩ, cách làm, mạnh dạn vay vốn phát triển kinh tế, không trông chờ vào sự hỗ trợ của Nhà nước.",
            "Tổng kinh phí huy động cho chương trình năm nay khoảng {ty_dong} tỷ đồng, từ ngân sách, doanh "
            "nghiệp, nhà hảo tâm và ngày công của người dân. Nhiều dòng họ đã cử người giúp nhau vận chuyển vật "
            "liệu, dựng nhà, làm vườn.",
        ),
        quotes=(
            Quote(
                "{nguoi} chia sẻ: “Trước kia cả nhà sống trong căn nhà tạm, mùa mưa dột khắp nơi. Giờ có nhà "
                "mới, có thêm con bò được hỗ trợ, gia đình yên tâm làm ăn, lo cho các con đi học đầy đủ.”",
                "dan",
                ("người dân bản {ban}",),
            ),
            Quote(
                "{nguoi} cho biết: “Cho con cá không bằng cho cần câu. Khi bà con có nghề, có việc làm ổn định "
                "thì mới thoát nghèo bền vững, không tái nghèo.”",
                "can_bo",
                ("Phó Chủ tịch UBND xã {xa}", "Trưởng phòng Lao động – Thương binh và Xã hội huyện {huyen}"),
            ),
        ),
        closers=(
            "Mục tiêu của huyện {huyen} là đến cuối năm giảm tỷ lệ hộ nghèo thêm từ 4 đến 5 điểm phần trăm, "
            "hoàn thành xóa nhà tạm, nhà dột nát cho các hộ có hoàn cảnh khó khăn.",
            "Kết quả bước đầu cho thấy, khi cả hệ thống chính trị cùng vào cuộc và chính người dân nỗ lực vươn "
            "lên, mục tiêu giảm nghèo bền vững ở vùng cao hoàn toàn có thể đạt được.",
        ),
        captions=(
            "Ngôi nhà mới của một hộ nghèo ở bản {ban}.",
            "Bà con xã {xa} giúp nhau vận chuyển vật liệu làm nhà.",
            "Lớp học nghề tại nhà văn hóa bản {ban}.",
        ),
        scenes=("nuoc-do", "thung-lung"),
    ),
    "kinh-te": Topic(
        middles=(
            "Thời gian qua, tỉnh Lai Châu đã ban hành nhiều chính sách thu hút đầu tư, hỗ trợ doanh nghiệp về "
            "mặt bằng, thủ tục và kết nối tiêu thụ. Các hợp tác xã được hỗ trợ xây dựng nhãn hiệu, bao bì, tem "
            "truy xuất nguồn gốc và tham gia hội chợ trong, ngoài tỉnh.",
            "Hiện toàn huyện {huyen} có {so_ho} hộ tham gia liên kết sản xuất với doanh nghiệp và hợp tác xã. "
            "Có đầu ra ổn định, người dân yên tâm mở rộng quy mô, đầu tư máy móc, nâng cao chất lượng sản phẩm.",
            "Tổng giá trị sản phẩm tiêu thụ trong năm ước đạt khoảng {ty_dong} tỷ đồng, tăng đáng kể so với "
            "cùng kỳ. Đơn hàng qua các kênh trực tuyến tăng mạnh, nhất là vào dịp lễ, tết.",
            "Dù vậy, sản xuất của nhiều cơ sở vẫn nhỏ lẻ, thiếu vốn và lao động có tay nghề. Hạ tầng giao thông "
            "đến một số vùng nguyên liệu chưa thuận lợi khiến chi phí vận chuyển cao, ảnh hưởng đến sức cạnh "
            "tranh của sản phẩm.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Khách hàng bây giờ rất quan tâm đến nguồn gốc sản phẩm. Chúng tôi ghi chép "
                "đầy đủ từ vùng nguyên liệu đến khi đóng gói, mỗi sản phẩm đều có mã để người mua tự kiểm tra.”",
                "dan",
                ("Giám đốc Hợp tác xã nông nghiệp {xa}", "chủ một cơ sở sản xuất ở xã {xa}"),
            ),
            Quote(
                "{nguoi} khẳng định: “Mọi vướng mắc về thủ tục, mặt bằng đều được giải quyết nhanh nhất có thể. "
                "Doanh nghiệp có phát triển thì người dân mới có việc làm, có thu nhập ổn định.”",
                "can_bo",
                ("Trưởng phòng Kinh tế – Hạ tầng huyện {huyen}", "Phó Chủ tịch UBND huyện {huyen}"),
            ),
        ),
        closers=(
            "Thời gian tới, ngành công thương tiếp tục tổ chức các hội nghị kết nối cung cầu, hỗ trợ doanh "
            "nghiệp, hợp tác xã quảng bá sản phẩm, từng bước đưa nông sản Lai Châu vào các hệ thống phân phối "
            "lớn.",
            "Với những bước đi bài bản, sản phẩm của {huyen} đang dần khẳng định chỗ đứng trên thị trường, góp "
            "phần nâng cao thu nhập cho người dân vùng cao.",
        ),
        captions=(
            "Sản phẩm của hợp tác xã ở {huyen} được đóng gói, dán tem truy xuất nguồn gốc.",
            "Công nhân làm việc tại một cơ sở chế biến ở xã {xa}.",
            "Gian hàng nông sản của huyện {huyen} tại hội chợ.",
        ),
        scenes=("doi-che", "thung-lung"),
    ),
    "che": Topic(
        middles=(
            "Toàn huyện {huyen} hiện có khoảng {dien_tich} ha chè, phần lớn đã cho thu hoạch. Các giống chủ "
            "lực như Kim Tuyên, Tứ Quý, Bát Tiên và chè shan tuyết được trồng tập trung, thuận lợi cho việc "
            "chăm sóc và thu mua.",
            "Từ sáng sớm, các đồi chè ở xã {xa} đã rộn tiếng nói cười. Mỗi lao động hái trung bình 40 – 50 kg "
            "búp tươi một ngày; chè được tập kết ngay đầu đồi để xe của nhà máy chở đi chế biến trong ngày.",
            "Để nâng chất lượng, cán bộ khuyến nông hướng dẫn bà con hái đúng tiêu chuẩn một tôm hai lá, bón "
            "phân cân đối, hạn chế thuốc bảo vệ thực vật. Nhiều hộ đã chuyển sang phân hữu cơ vi sinh, vừa cải "
            "tạo đất vừa cho búp chè đều, đẹp.",
            "Cây chè đã giúp nhiều gia đình ở bản {ban} thoát nghèo, xây được nhà kiên cố. Thu nhập từ chè đạt "
            "80 – 100 triệu đồng mỗi héc-ta mỗi năm, cao hơn nhiều so với trồng ngô, lúa nương trước đây.",
        ),
        quotes=(
            Quote(
                "{nguoi} phấn khởi: “Năm nay chè được mùa, được giá. Nhà tôi có hơn một héc-ta, mỗi lứa hái gần "
                "hai tấn búp tươi. Trừ chi phí, gia đình có thêm tiền sửa nhà và cho con đi học đại học.”",
                "dan",
                ("người dân bản {ban}", "hộ trồng chè ở xã {xa}"),
            ),
            Quote(
                "{nguoi} cho biết: “Chúng tôi ký hợp đồng bao tiêu với bà con ngay từ đầu vụ, cam kết mua hết "
                "nếu hái đúng kỹ thuật. Chè búp tươi có tốt thì chè thành phẩm mới đứng được ở thị trường khó "
                "tính.”",
                "can_bo",
                ("Giám đốc một nhà máy chè ở {huyen}", "Giám đốc Hợp tác xã chè {xa}"),
            ),
        ),
        closers=(
            "Huyện {huyen} đặt mục tiêu mở rộng diện tích chè chất lượng cao, xây dựng vùng nguyên liệu đạt "
            "chứng nhận hữu cơ, gắn sản xuất chè với du lịch trải nghiệm để nâng giá trị cây trồng chủ lực này.",
            "Cây chè không chỉ là sinh kế mà đã thành niềm tự hào của người dân {huyen}. Những đồi chè xanh "
            "mướt cũng đang trở thành điểm dừng chân hấp dẫn du khách mỗi khi lên vùng cao.",
        ),
        captions=(
            "Người dân xã {xa} thu hái chè búp.",
            "Đồi chè ở bản {ban} vào mùa thu hoạch.",
            "Chè búp tươi được cân, tập kết ngay tại đầu đồi.",
        ),
        scenes=("doi-che",),
    ),
    "duoc-lieu": Topic(
        middles=(
            "Thảo quả, sâm Lai Châu và nhiều loại dược liệu ưa bóng được trồng dưới tán rừng tự nhiên ở độ cao "
            "trên 1.500 m, nơi khí hậu mát mẻ, độ ẩm cao quanh năm. Toàn huyện {huyen} hiện có khoảng "
            "{dien_tich} ha dược liệu dưới tán rừng.",
            "Trồng dược liệu dưới tán rừng giúp người dân có thu nhập mà không phải phát nương làm rẫy. Mỗi hộ "
            "nhận khoán đều có trách nhiệm tuần tra, ngăn chặn kịp thời các hành vi chặt phá, đốt rừng.",
            "Mùa thu hoạch thảo quả thường kéo dài từ tháng 9 đến tháng 11. Bà con đi bộ nhiều giờ vào rừng, "
            "gùi từng gùi quả về sấy trên lò thủ công ngay tại nương. Quả khô đều, màu nâu đỏ, thơm đặc trưng sẽ "
            "được giá cao hơn.",
            "Huyện đang phối hợp với doanh nghiệp xây dựng chuỗi liên kết từ trồng, chăm sóc, sơ chế đến tiêu "
            "thụ. Một số hợp tác xã đã đầu tư lò sấy cải tiến, giảm lượng củi đốt và nâng chất lượng sản phẩm.",
        ),
        quotes=(
            Quote(
                "{nguoi} kể: “Gia đình tôi có gần ba héc-ta dưới tán rừng. Vụ này thu hơn một tấn quả khô, đủ "
                "trang trải cuộc sống và mua thêm trâu giống. Rừng cho mình cái ăn thì mình phải giữ rừng.”",
                "dan",
                ("người dân bản {ban}", "hộ trồng thảo quả ở xã {xa}"),
            ),
            Quote(
                "{nguoi} cho biết: “Chúng tôi khuyến khích bà con không hái quả non, sấy đúng kỹ thuật để giữ "
                "chất lượng. Xã cũng đang hoàn thiện hồ sơ đề nghị công nhận sản phẩm OCOP cho thảo quả sấy "
                "khô.”",
                "can_bo",
                ("Chủ tịch UBND xã {xa}", "cán bộ khuyến nông xã {xa}"),
            ),
        ),
        closers=(
            "Với lợi thế về rừng và khí hậu, {huyen} xác định phát triển dược liệu dưới tán rừng là hướng đi "
            "lâu dài, vừa nâng thu nhập cho người dân, vừa giữ màu xanh cho những cánh rừng đầu nguồn.",
            "Những cánh rừng già ở {xa} giờ không chỉ là lá phổi xanh mà còn là kho dược liệu quý, mở ra triển "
            "vọng làm giàu bền vững cho đồng bào vùng biên.",
        ),
        captions=(
            "Thảo quả được trồng dưới tán rừng già ở xã {xa}.",
            "Người dân bản {ban} sấy thảo quả trên lò thủ công.",
            "Cán bộ khuyến nông kiểm tra vườn dược liệu ở huyện {huyen}.",
        ),
        scenes=("rung-may",),
    ),
    "giao-duc": Topic(
        middles=(
            "Trường hiện có {so_hs} học sinh, phần lớn là con em đồng bào Mông, Dao, Hà Nhì. Nhiều em nhà cách "
            "trường hàng chục cây số, phải ở bán trú từ đầu tuần, cuối tuần mới về với gia đình.",
            "Để giữ sĩ số, các thầy cô thường xuyên đến từng nhà vận động phụ huynh cho con đi học đều. Những "
            "chiều cuối tuần, giáo viên lại men theo các con dốc vào bản, gặp những em nghỉ học để động viên "
            "các em trở lại lớp.",
            "Nhà trường chú trọng tăng cường tiếng Việt cho học sinh dân tộc thiểu số, nhất là học sinh đầu "
            "cấp. Giờ học được lồng ghép trò chơi, bài hát, câu chuyện gần gũi để các em mạnh dạn giao tiếp.",
            "Từ nguồn vốn các chương trình mục tiêu quốc gia và sự hỗ trợ của nhà hảo tâm, cơ sở vật chất của "
            "trường ngày càng được cải thiện: phòng học kiên cố, bếp ăn sạch sẽ, có nước sạch và sân chơi.",
        ),
        quotes=(
            Quote(
                "{nguoi} chia sẻ: “Điều chúng tôi mong nhất là các em được ăn no, ngủ ấm và đến lớp đầy đủ. Khi "
                "các em thấy trường học như ngôi nhà thứ hai thì chuyện bỏ học giữa chừng sẽ giảm hẳn.”",
                "can_bo",
                (
                    "Hiệu trưởng Trường Phổ thông dân tộc bán trú THCS {xa}",
                    "Hiệu trưởng Trường Tiểu học {xa}",
                ),
            ),
            Quote(
                "{nguoi} kể: “Có hôm mưa to, đường trơn, tôi phải đi bộ gần hai tiếng mới đến được nhà học "
                "sinh. Nhưng chỉ cần các em quay lại lớp là mọi vất vả đều được đền đáp.”",
                "giao_vien",
                ("giáo viên Trường Tiểu học {xa}", "giáo viên Trường Phổ thông dân tộc bán trú THCS {xa}"),
            ),
            Quote(
                "{nguoi} chia sẻ: “Dạy chữ ở vùng cao không chỉ là dạy đọc, dạy viết mà còn là gieo niềm tin. "
                "Mỗi lần thấy học trò của mình tiến bộ, chúng tôi lại có thêm động lực để gắn bó với bản.”",
                "giao_vien",
                ("giáo viên Trường Tiểu học {xa}",),
            ),
        ),
        closers=(
            "Năm học này, ngành giáo dục huyện {huyen} đặt mục tiêu duy trì tỷ lệ chuyên cần trên 98%, nâng "
            "chất lượng dạy học và tiếp tục xây dựng trường đạt chuẩn quốc gia ở các xã vùng cao.",
            "Những nỗ lực bền bỉ của thầy và trò nơi vùng cao đang góp phần thắp sáng con chữ, mở ra tương lai "
            "tươi sáng hơn cho thế hệ trẻ các bản làng.",
        ),
        captions=(
            "Giờ học của học sinh Trường Tiểu học {xa}.",
            "Học sinh bán trú trong bữa cơm trưa tại trường.",
            "Thầy cô đến bản {ban} vận động học sinh ra lớp.",
        ),
        scenes=("thung-lung", "nuoc-do"),
    ),
    "y-te": Topic(
        middles=(
            "Những năm gần đây, mạng lưới y tế cơ sở ở {huyen} được củng cố. Trạm y tế các xã đều có bác sĩ "
            "hoặc y sĩ, mỗi bản có nhân viên y tế thôn bản, cô đỡ thôn bản hỗ trợ chăm sóc sức khỏe ban đầu.",
            "Từ đầu năm đến nay, y tế xã {xa} đã khám, điều trị cho {so_nguoi} lượt người; nhiều trường hợp "
            "tăng huyết áp, đái tháo đường được phát hiện sớm và quản lý ngay tại cơ sở.",
            "Công tác tuyên truyền về vệ sinh môi trường, nước sạch, tiêm chủng và sinh con tại cơ sở y tế "
            "được đẩy mạnh. Tỷ lệ phụ nữ sinh con tại trạm y tế, bệnh viện tăng rõ rệt, tập quán đẻ tại nhà "
            "dần được xóa bỏ.",
            "Tuy vậy, địa bàn rộng, đi lại khó khăn vẫn là trở ngại lớn. Vào mùa mưa, nhiều tuyến đường bị sạt "
            "lở, việc chuyển bệnh nhân nặng lên tuyến trên có khi mất cả ngày.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Được khám ngay tại xã, lại được cấp thuốc miễn phí nên bà con rất phấn "
                "khởi. Nhiều cụ lần đầu được đo đường huyết, được bác sĩ hướng dẫn ăn uống, sinh hoạt phù hợp.”",
                "can_bo",
                ("Trưởng trạm Y tế xã {xa}", "bác sĩ Trung tâm Y tế huyện {huyen}"),
            ),
            Quote(
                "{nguoi} chia sẻ: “Trước đây muốn đi khám phải nhờ con cháu chở xuống huyện, mất cả ngày đường. "
                "Giờ ở xã có bác sĩ, có máy móc, tôi yên tâm hơn nhiều.”",
                "dan",
                ("người dân bản {ban}",),
            ),
        ),
        closers=(
            "Ngành y tế {huyen} tiếp tục đề nghị tỉnh đầu tư trang thiết bị cho các trạm y tế vùng sâu, đồng "
            "thời có chính sách thu hút bác sĩ trẻ về công tác lâu dài tại cơ sở.",
            "Sức khỏe được chăm lo tốt hơn là nền tảng để bà con yên tâm lao động, sản xuất, xây dựng cuộc sống "
            "ấm no ở vùng cao.",
        ),
        captions=(
            "Bác sĩ khám bệnh cho người dân xã {xa}.",
            "Trạm y tế xã {xa} được đầu tư trang thiết bị.",
            "Người cao tuổi ở bản {ban} được đo huyết áp.",
        ),
        scenes=("thung-lung", "rung-may"),
    ),
    "du-lich": Topic(
        middles=(
            "Khí hậu mát mẻ quanh năm, núi non hùng vĩ cùng văn hóa đặc sắc của các dân tộc là lợi thế để "
            "{huyen} phát triển du lịch. Từ đầu năm đến nay, huyện đã đón khoảng {luot_khach} lượt khách, trong "
            "đó có nhiều khách quốc tế.",
            "Nhiều hộ ở bản {ban} đã cải tạo nhà ở truyền thống thành homestay, giữ nguyên kiến trúc nhưng bổ "
            "sung phòng vệ sinh khép kín, chăn đệm sạch sẽ. Khách được ăn cơm cùng gia đình, học nấu món địa "
            "phương và lao động cùng bà con.",
            "Các tour leo núi, đi bộ xuyên rừng, ngắm bình minh và săn mây đang được nhiều bạn trẻ lựa chọn. "
            "Hướng dẫn viên là người địa phương, thuộc đường đi và am hiểu phong tục của bản làng.",
            "Để du lịch phát triển bền vững, huyện yêu cầu các cơ sở lưu trú giữ vệ sinh môi trường, niêm yết "
            "giá công khai, không chèo kéo khách. Rác tại các điểm du lịch được thu gom, phân loại hằng ngày.",
        ),
        quotes=(
            Quote(
                "{nguoi}, du khách đến từ Hà Nội, chia sẻ: “Tôi ấn tượng với không khí trong lành và sự thân "
                "thiện của bà con. Cảnh đẹp, đồ ăn ngon, chi phí lại hợp lý. Chắc chắn tôi sẽ quay lại.”",
                "khach",
            ),
            Quote(
                "{nguoi} cho biết: “Từ khi làm du lịch, thu nhập của gia đình tăng lên rõ rệt. Những ngày cao "
                "điểm, nhà tôi đón 20 – 30 khách, cả nhà cùng làm, con cháu không phải đi làm ăn xa.”",
                "dan",
                ("chủ homestay ở bản {ban}",),
            ),
        ),
        closers=(
            "Thời gian tới, {huyen} tiếp tục đầu tư hạ tầng, đào tạo kỹ năng làm du lịch cho người dân, xây "
            "dựng thêm sản phẩm đặc trưng để giữ chân du khách dài ngày hơn.",
            "Với tiềm năng sẵn có và sự vào cuộc của người dân, du lịch đang dần trở thành hướng đi mới, góp "
            "phần thay đổi diện mạo các bản làng vùng cao Lai Châu.",
        ),
        captions=(
            "Du khách trải nghiệm tại bản {ban}.",
            "Một homestay của đồng bào ở xã {xa}.",
            "Cảnh sắc {huyen} hút khách mỗi dịp cuối tuần.",
        ),
        scenes=("ruong-vang", "rung-may"),
    ),
    "van-hoa": Topic(
        middles=(
            "Lai Châu là nơi sinh sống của 20 dân tộc anh em, mỗi dân tộc có lễ hội, trang phục, tiếng nói và "
            "nghề thủ công riêng. Bảo tồn và phát huy những giá trị ấy được tỉnh xác định là nhiệm vụ quan "
            "trọng, gắn với phát triển du lịch.",
            "Nhiều câu lạc bộ văn hóa dân gian đã được thành lập ở các bản. Người cao tuổi truyền dạy cho lớp "
            "trẻ cách thổi khèn, hát dân ca, thêu thùa; nghệ nhân am hiểu phong tục được mời đứng lớp ở các "
            "lớp truyền dạy do huyện tổ chức.",
            "Công tác sưu tầm, tư liệu hóa di sản văn hóa phi vật thể cũng được quan tâm. Nhiều lễ hội, nghề "
            "thủ công truyền thống đã được ghi hình, biên soạn thành tài liệu để lưu giữ và giới thiệu rộng rãi.",
            "Trang phục truyền thống vẫn được đồng bào mặc trong các dịp lễ, tết và sinh hoạt cộng đồng. Nhiều "
            "phụ nữ vẫn giữ nghề thêu, dệt, tự tay may những bộ váy áo rực rỡ cho gia đình và bán cho du khách.",
        ),
        quotes=(
            Quote(
                "{nguoi} chia sẻ: “Văn hóa của dân tộc mình do cha ông để lại, thế hệ chúng tôi không giữ thì "
                "con cháu sẽ quên. Vì thế, tôi luôn dạy các cháu hát, múa và giữ những phong tục tốt đẹp.”",
                "dan",
                ("nghệ nhân bản {ban}", "người cao tuổi ở bản {ban}"),
            ),
            Quote(
                "{nguoi} cho biết: “Địa phương khuyến khích mỗi bản có một đội văn nghệ, một câu lạc bộ văn hóa dân "
                "gian. Khi người dân tự hào về bản sắc của mình thì họ sẽ tự giác giữ gìn, đó là cách bảo tồn "
                "bền vững nhất.”",
                "can_bo",
                ("Phó Chủ tịch UBND xã {xa}", "Trưởng phòng Văn hóa – Thông tin huyện {huyen}"),
            ),
        ),
        closers=(
            "Những hoạt động văn hóa cộng đồng không chỉ làm phong phú đời sống tinh thần của bà con mà còn "
            "góp phần quảng bá hình ảnh quê hương {huyen} đến du khách gần xa.",
            "Giữ gìn bản sắc trong nhịp sống mới, đồng bào các dân tộc ở {huyen} cho thấy văn hóa truyền thống "
            "vẫn có sức sống bền bỉ nơi vùng cao biên giới.",
        ),
        captions=(
            "Đội văn nghệ bản {ban} biểu diễn điệu múa truyền thống.",
            "Nghệ nhân xã {xa} truyền dạy cho lớp trẻ.",
            "Trang phục truyền thống của đồng bào ở {huyen}.",
        ),
        scenes=("nuoc-do", "ruong-vang"),
    ),
    "nong-nghiep": Topic(
        middles=(
            "Xác định nông nghiệp là thế mạnh, những năm qua huyện {huyen} chuyển đổi cơ cấu cây trồng, vật "
            "nuôi theo hướng hàng hóa, ưu tiên sản phẩm có giá trị kinh tế cao, phù hợp khí hậu từng vùng.",
            "Cán bộ khuyến nông thường xuyên có mặt ở các bản, hướng dẫn bà con kỹ thuật chăm sóc, phòng trừ "
            "dịch bệnh. Lớp tập huấn được tổ chức ngay tại ruộng, tại chuồng trại nên bà con dễ hiểu, dễ làm.",
            "Xã {xa} hiện có {so_ho} hộ tham gia các mô hình sản xuất mới, nhiều hộ có thu nhập 150 – 200 "
            "triệu đồng mỗi năm. Các tổ hợp tác, hợp tác xã giúp bà con liên kết tiêu thụ, bớt phụ thuộc vào "
            "thương lái.",
            "Thời tiết vùng cao thất thường; rét đậm, mưa đá, lũ quét có thể xảy ra bất cứ lúc nào. Chính quyền "
            "khuyến cáo bà con theo dõi dự báo thời tiết, chủ động phòng chống thiên tai để hạn chế thiệt hại.",
        ),
        quotes=(
            Quote(
                "{nguoi} chia sẻ: “Trước đây nhà tôi chỉ làm theo kinh nghiệm nên năng suất thấp. Từ khi được "
                "cán bộ hướng dẫn, làm đúng kỹ thuật, thu nhập tăng gấp đôi, cuộc sống ổn định hơn nhiều.”",
                "dan",
                ("người dân bản {ban}",),
            ),
            Quote(
                "{nguoi} cho biết: “Chúng tôi khuyến khích bà con mạnh dạn áp dụng khoa học kỹ thuật, đưa máy "
                "móc vào sản xuất. Huyện có chính sách hỗ trợ giống, vật tư và lãi suất vay vốn cho các mô hình "
                "hiệu quả.”",
                "can_bo",
                (
                    "Trưởng phòng Nông nghiệp và Môi trường huyện {huyen}",
                    "Giám đốc Trung tâm Dịch vụ nông nghiệp huyện {huyen}",
                ),
            ),
        ),
        closers=(
            "Thời gian tới, huyện {huyen} tiếp tục rà soát quy hoạch vùng sản xuất, nhân rộng các mô hình hiệu "
            "quả, từng bước xây dựng nền nông nghiệp hàng hóa gắn với thị trường.",
            "Những cánh đồng, trang trại ở {xa} hôm nay là minh chứng cho sự đổi thay của nông nghiệp vùng cao, "
            "khi người nông dân biết làm giàu trên chính mảnh đất quê hương.",
        ),
        captions=(
            "Nông dân xã {xa} chăm sóc cây trồng.",
            "Cán bộ khuyến nông hướng dẫn bà con bản {ban} kỹ thuật sản xuất.",
            "Đồng ruộng ở huyện {huyen} vào vụ.",
        ),
        scenes=("ruong-vang", "nuoc-do"),
    ),
    "nong-thon-moi": Topic(
        middles=(
            "Sau hơn mười năm xây dựng nông thôn mới, diện mạo xã {xa} đã thay đổi rõ rệt. Đường trục xã, "
            "đường liên bản được bê tông hóa, điện lưới phủ đến các bản, hầu hết các hộ được dùng nước hợp vệ "
            "sinh.",
            "Điểm sáng ở {xa} là tinh thần chung sức của người dân. Năm qua, bà con đã hiến {dien_tich_m2} m² "
            "đất, góp hàng nghìn ngày công để làm đường, xây nhà văn hóa, kênh mương nội đồng.",
            "Tổng nguồn lực cho xây dựng nông thôn mới của xã trong năm khoảng {ty_dong} tỷ đồng; vốn ngân sách "
            "giữ vai trò dẫn dắt, vốn lồng ghép từ các chương trình và đóng góp của người dân ngày càng lớn.",
            "Cùng với hạ tầng, đời sống văn hóa, tinh thần cũng được nâng lên. Các bản đều có nhà văn hóa, đội "
            "văn nghệ, sân thể thao; phong trào giữ vệ sinh môi trường, trồng hoa ven đường được duy trì.",
        ),
        quotes=(
            Quote(
                "{nguoi} phấn khởi: “Ngày trước đường vào bản chỉ là lối mòn, mùa mưa trơn trượt, nông sản làm "
                "ra không bán được. Giờ đường bê tông tận cửa nhà, ô tô vào tận bản thu mua, con cháu đi học "
                "cũng thuận lợi.”",
                "dan",
                ("Trưởng bản {ban}", "người dân bản {ban}"),
            ),
            Quote(
                "{nguoi} cho biết: “Xây dựng nông thôn mới không có điểm dừng. Đạt chuẩn rồi thì phải giữ vững, "
                "nâng cao chất lượng các tiêu chí, trước hết là thu nhập và môi trường sống của người dân.”",
                "can_bo",
                ("Chủ tịch UBND xã {xa}", "Bí thư Đảng ủy xã {xa}"),
            ),
        ),
        closers=(
            "Từ những kết quả đạt được, xã {xa} tiếp tục xây dựng các bản nông thôn mới kiểu mẫu, tạo sức lan "
            "tỏa đến các xã lân cận trong huyện {huyen}.",
            "Những con đường mới, những ngôi nhà khang trang là thành quả của sự đồng lòng giữa chính quyền và "
            "nhân dân, tạo nền tảng để {xa} phát triển bền vững.",
        ),
        captions=(
            "Tuyến đường bê tông mới dẫn vào bản {ban}.",
            "Nhà văn hóa bản {ban} được xây dựng khang trang.",
            "Diện mạo xã {xa} hôm nay.",
        ),
        scenes=("nuoc-do", "ruong-vang"),
    ),
    "bien-phong": Topic(
        middles=(
            "Đơn vị được giao quản lý, bảo vệ {km} km đường biên giới, địa hình chủ yếu là núi cao, vực sâu, "
            "chia cắt mạnh. Vào mùa mưa, các tổ tuần tra phải vượt những con dốc trơn trượt, suối lũ để đến "
            "được từng cột mốc.",
            "Bên cạnh nhiệm vụ bảo vệ chủ quyền, cán bộ, chiến sĩ biên phòng còn bám bản giúp dân phát triển "
            "kinh tế, xóa mù chữ, khám chữa bệnh và tuyên truyền pháp luật. Mỗi đảng viên của đồn được phân "
            "công phụ trách một số hộ gia đình.",
            "Phong trào toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới được đông đảo người dân "
            "hưởng ứng. Nhiều tổ tự quản đường biên, cột mốc và tổ an ninh trật tự ở bản hoạt động hiệu quả.",
            "Công tác đối ngoại biên phòng được duy trì thường xuyên. Hai bên phối hợp tuần tra song phương, "
            "trao đổi thông tin, giải quyết kịp thời các vụ việc phát sinh, góp phần xây dựng đường biên giới "
            "hòa bình, hữu nghị.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Dân là tai, là mắt của bộ đội biên phòng. Khi bà con tin tưởng, có chuyện "
                "gì bất thường đều báo ngay cho đồn thì công tác bảo vệ biên giới mới thật sự vững chắc.”",
                "quan",
                ("Đồn trưởng Đồn Biên phòng {don}", "Chính trị viên Đồn Biên phòng {don}"),
            ),
            Quote(
                "{nguoi} chia sẻ: “Có bộ đội biên phòng ở bên, bà con yên tâm làm ăn. Các anh dạy chúng tôi "
                "trồng cây, nuôi con, còn giúp dựng lại nhà khi có gió lốc. Dân bản coi các anh như người nhà.”",
                "dan",
                ("Trưởng bản {ban}",),
            ),
        ),
        closers=(
            "Với sự đồng lòng của cấp ủy, chính quyền, lực lượng vũ trang và nhân dân các dân tộc, tuyến biên "
            "giới của {huyen} luôn được giữ vững bình yên để người dân yên tâm lao động, sản xuất.",
            "Những chuyến tuần tra lặng lẽ, những mái nhà dựng lên cho dân, những lớp học xóa mù chữ giữa bản "
            "đã góp phần xây đắp thế trận lòng dân vững chắc nơi biên cương.",
        ),
        captions=(
            "Cán bộ, chiến sĩ Đồn Biên phòng {don} tuần tra biên giới.",
            "Bộ đội biên phòng giúp người dân bản {ban} làm nhà.",
            "Tuyến biên giới thuộc huyện {huyen}.",
        ),
        scenes=("hoang-hon", "rung-may"),
    ),
    "quoc-phong": Topic(
        middles=(
            "Những năm qua, huyện {huyen} chú trọng xây dựng khu vực phòng thủ vững chắc, gắn nhiệm vụ quốc "
            "phòng với phát triển kinh tế – xã hội. Dân quân tự vệ được huấn luyện thường xuyên, sẵn sàng tham "
            "gia phòng chống thiên tai, tìm kiếm cứu nạn.",
            "Giáo dục quốc phòng và an ninh cho các đối tượng được triển khai nền nếp. Cán bộ chủ chốt ở cơ sở, "
            "người có uy tín trong cộng đồng đều được bồi dưỡng kiến thức về nhiệm vụ bảo vệ Tổ quốc.",
            "Chính sách hậu phương quân đội được quan tâm. Gia đình có con em nhập ngũ được chính quyền thăm "
            "hỏi, hỗ trợ; quân nhân xuất ngũ trở về được ưu tiên học nghề, giới thiệu việc làm.",
            "Lực lượng vũ trang huyện thường xuyên phối hợp với các xã giúp dân làm đường, sửa nhà, khắc phục "
            "hậu quả mưa lũ, tạo nên mối quan hệ gắn bó quân – dân.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Nhiệm vụ quốc phòng là nhiệm vụ của toàn dân. Chúng tôi luôn quan tâm xây "
                "dựng lực lượng dân quân vững mạnh, rộng khắp, đồng thời làm tốt công tác dân vận để nhân dân "
                "tin tưởng, ủng hộ.”",
                "quan",
                (
                    "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện {huyen}",
                    "Chính trị viên Ban Chỉ huy Quân sự huyện {huyen}",
                ),
            ),
            Quote(
                "{nguoi} khẳng định: “Địa phương luôn gắn phát triển kinh tế – xã hội với củng cố quốc phòng, "
                "an ninh. Dân có ấm no thì thế trận lòng dân mới vững chắc.”",
                "can_bo",
                ("Bí thư Huyện ủy {huyen}", "Chủ tịch UBND huyện {huyen}"),
            ),
        ),
        closers=(
            "Thời gian tới, {huyen} tiếp tục thực hiện tốt nhiệm vụ quốc phòng, quân sự địa phương, xây dựng nền "
            "quốc phòng toàn dân gắn với thế trận an ninh nhân dân vững chắc.",
            "Sự phối hợp chặt chẽ giữa các lực lượng cùng sự đồng thuận của nhân dân là nền tảng để {huyen} giữ "
            "vững ổn định, tạo môi trường thuận lợi cho phát triển.",
        ),
        captions=(
            "Lực lượng dân quân huyện {huyen} huấn luyện.",
            "Cán bộ, chiến sĩ lực lượng vũ trang giúp dân xã {xa} làm đường.",
            "Lãnh đạo huyện {huyen} kiểm tra công tác huấn luyện.",
        ),
        scenes=("hoang-hon",),
    ),
    "an-ninh": Topic(
        middles=(
            "Thời gian qua, công an huyện {huyen} triển khai đồng bộ các biện pháp phòng ngừa, đấu tranh với "
            "tội phạm, trọng tâm là ma túy, mua bán người và vi phạm pháp luật về rừng. Tình hình an ninh trật "
            "tự trên địa bàn cơ bản ổn định.",
            "Công an chính quy đã được bố trí về tất cả các xã, bám sát địa bàn, nắm chắc tình hình từng bản, "
            "từng hộ. Nhiều mâu thuẫn trong nhân dân được hòa giải ngay từ cơ sở, không để thành điểm nóng.",
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc tiếp tục được đẩy mạnh. Các tổ an ninh trật tự, tổ hòa "
            "giải ở bản được củng cố; người có uy tín trong cộng đồng tích cực tuyên truyền, vận động bà con.",
            "Lực lượng công an cũng đẩy mạnh cải cách hành chính, khai thác dữ liệu dân cư trong giải quyết thủ "
            "tục. Người dân được hướng dẫn kích hoạt tài khoản định danh điện tử, nộp hồ sơ trực tuyến.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Phải gần dân, hiểu dân thì mới làm tốt công tác bảo đảm an ninh trật tự. Mỗi "
                "cán bộ công an xã phụ trách một số bản, thường xuyên có mặt để nắm tình hình và giúp đỡ bà con.”",
                "quan",
                ("Trưởng Công an xã {xa}", "Phó Trưởng Công an huyện {huyen}"),
            ),
            Quote(
                "{nguoi} chia sẻ: “Từ khi có công an chính quy về xã, trong bản yên ổn hơn hẳn. Có việc gì bà "
                "con báo ngay, các anh đến giải quyết rất nhanh.”",
                "dan",
                ("Trưởng bản {ban}",),
            ),
        ),
        closers=(
            "Công an huyện {huyen} đề nghị người dân nâng cao cảnh giác, kịp thời cung cấp thông tin về các hành "
            "vi vi phạm pháp luật cho cơ quan chức năng để xử lý theo quy định.",
            "Bình yên nơi các bản làng vùng cao hôm nay có đóng góp thầm lặng của những chiến sĩ công an ngày "
            "đêm bám địa bàn, gần dân, vì dân.",
        ),
        captions=(
            "Công an xã {xa} tuyên truyền pháp luật cho người dân.",
            "Cán bộ công an xuống bản {ban} hướng dẫn bà con làm thủ tục.",
            "Lực lượng công an huyện {huyen} tuần tra bảo đảm an ninh trật tự.",
        ),
        scenes=("hoang-hon", "thung-lung"),
    ),
    "the-thao": Topic(
        middles=(
            "Giải đấu nhằm đẩy mạnh phong trào toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại, đồng thời "
            "là dịp để các địa phương giao lưu, học hỏi, tăng cường tình đoàn kết giữa các dân tộc.",
            "Ngay từ những lượt đầu, các vận động viên đã thi đấu hết mình, tạo nên những màn tranh tài hấp dẫn. "
            "Khán giả ở các bản đổ về cổ vũ đông vui, nhiều người đi xe máy hàng chục cây số để xem đội nhà.",
            "Phong trào thể dục thể thao quần chúng ở {huyen} ngày càng phát triển. Toàn huyện có {so_clb} câu "
            "lạc bộ thể thao hoạt động thường xuyên, khoảng {ty_le_tt}% dân số tập luyện thể thao thường xuyên.",
            "Công tác tổ chức được chuẩn bị chu đáo, bảo đảm an toàn, công bằng. Trọng tài được tập huấn luật thi "
            "đấu, lực lượng y tế túc trực để kịp thời xử lý chấn thương.",
        ),
        quotes=(
            Quote(
                "{nguoi} cho biết: “Anh em trong đội đều là nông dân, ban ngày lên nương, chiều về lại rủ nhau "
                "ra sân tập. Chúng tôi thi đấu để giao lưu là chính, nhưng cũng quyết tâm mang thành tích về cho "
                "xã nhà.”",
                "thanh_nien",
                ("vận động viên xã {xa}", "đội trưởng đội xã {xa}"),
            ),
            Quote(
                "{nguoi} cho biết: “Qua giải, chúng tôi phát hiện được nhiều vận động viên có năng khiếu để bồi "
                "dưỡng, tham gia các giải cấp tỉnh. Quan trọng hơn, thể thao giúp thanh niên tránh xa tệ nạn xã "
                "hội.”",
                "can_bo",
                ("Trưởng ban tổ chức giải", "Giám đốc Trung tâm Văn hóa – Thể thao huyện {huyen}"),
            ),
        ),
        closers=(
            "Giải đấu góp phần tạo không khí vui tươi, phấn khởi trong nhân dân, cổ vũ phong trào thể dục thể "
            "thao phát triển sâu rộng đến từng bản làng.",
            "Thời gian tới, {huyen} tiếp tục đầu tư sân bãi, duy trì các giải đấu thường niên, tạo sân chơi lành "
            "mạnh cho người dân, nhất là thanh thiếu niên vùng cao.",
        ),
        captions=(
            "Các vận động viên tranh tài tại giải.",
            "Khán giả cổ vũ các vận động viên xã {xa}.",
            "Ban tổ chức trao thưởng cho các đội đạt thành tích cao.",
        ),
        scenes=("thung-lung", "doi-che"),
    ),
}

# ---------------------------------------------------------------------------------------------------------
# The stories
# ---------------------------------------------------------------------------------------------------------

DRAFT = None  # a story with no publish day stays a draft
# A story's external_id is its place in STORIES ("demo-001"...): add new stories at the end, never between.


@dataclass(frozen=True)
class Story:
    section: str
    topic: str
    title: str
    lead: str
    details: tuple
    tags: tuple
    huyen: str
    xa: str
    ban: str
    # Days before the run (1 or more); DRAFT for a draft, negative for a story scheduled in the future.
    days_ago: int | None
    facts: dict = field(default_factory=dict)
    quote: int | None = None  # which of the topic's quotes fits; any when None


STORIES = (
    # Thời sự
    Story(
        section="thoi-su",
        topic="chinh-quyen",
        title="Tam Đường đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm",
        lead="Huyện yêu cầu các chủ đầu tư rà soát từng dự án, điều chuyển vốn từ nơi chậm sang nơi có khối "
        "lượng hoàn thành, phấn đấu giải ngân trên 95% kế hoạch được giao.",
        details=(
            "Theo báo cáo tại hội nghị, đến nay huyện Tam Đường đã giải ngân hơn 70% kế hoạch vốn đầu tư công "
            "năm nay. Một số dự án giao thông, thủy lợi ở các xã Khun Há, Bản Giang có khối lượng thi công lớn "
            "nhưng chậm hoàn thiện hồ sơ thanh toán, kéo tỷ lệ giải ngân chung xuống thấp.",
        ),
        tags=("Đầu tư công", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bản Giang",
        ban="Nà Khương",
        days_ago=3,
    ),
    Story(
        section="thoi-su",
        topic="chinh-quyen",
        title="Sìn Hồ đưa “một cửa lưu động” về tận bản vùng cao",
        lead="Người dân xã Tả Phìn giờ có thể nộp hồ sơ, tra cứu kết quả qua điện thoại và được cán bộ hướng "
        "dẫn ngay tại nhà văn hóa bản vào mỗi sáng thứ Bảy.",
        details=(
            "Mô hình do UBND xã phối hợp với công an xã và đoàn thanh niên thực hiện. Mỗi tuần, tổ công tác "
            "mang máy tính, máy in và thiết bị phát mạng đến một bản, tiếp nhận hồ sơ khai sinh, chứng thực, "
            "đất đai và hướng dẫn bà con cài ứng dụng dịch vụ công trên điện thoại.",
            "Sau một tháng thí điểm, tổ đã tiếp nhận hơn 150 hồ sơ, phần lớn của người cao tuổi và phụ nữ ít có "
            "điều kiện xuống trung tâm xã.",
        ),
        tags=("Cải cách hành chính", "Chuyển đổi số", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Tả Phìn",
        ban="Tả Phìn",
        days_ago=9,
    ),
    Story(
        section="thoi-su",
        topic="chinh-quyen",
        title="Lãnh đạo huyện Phong Thổ đối thoại với thanh niên về khởi nghiệp",
        lead="Hơn 200 đoàn viên, thanh niên đã nêu kiến nghị về việc làm, vốn vay khởi nghiệp và sân chơi thể "
        "thao tại buổi đối thoại.",
        details=(
            "Nhiều câu hỏi tập trung vào thủ tục vay vốn khởi nghiệp, việc đào tạo nghề gắn với nhu cầu doanh "
            "nghiệp và cách giữ chân lao động trẻ ở lại quê hương. Một số bạn trẻ đề xuất được hỗ trợ xây dựng "
            "thương hiệu cho nông sản do mình làm ra.",
            "Lãnh đạo huyện đã trả lời trực tiếp từng ý kiến, giao các phòng chuyên môn và Ngân hàng Chính sách "
            "xã hội huyện hướng dẫn cụ thể thủ tục vay vốn, đồng thời cam kết bố trí quỹ đất làm sân thể thao "
            "cho thanh niên ở các xã vùng cao.",
        ),
        tags=("Thanh niên", "Khởi nghiệp", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Mường So",
        ban="Vàng Pheo",
        days_ago=14,
    ),
    Story(
        section="thoi-su",
        topic="chinh-quyen",
        title="Than Uyên sáp nhập 27 bản nhỏ, giữ tên gọi gắn với lịch sử",
        lead="Sau ba tháng triển khai, huyện đã hoàn thành sắp xếp 27 bản quy mô nhỏ, giảm đầu mối nhưng vẫn "
        "giữ những tên gọi gắn với lịch sử, văn hóa của cộng đồng.",
        details=(
            "Trước khi sáp nhập, các xã tổ chức họp dân ở từng bản, lấy ý kiến về phương án, tên gọi và địa "
            "điểm nhà văn hóa chung. Tỷ lệ cử tri đồng thuận đạt trên 90%. Những bản có tên gắn với truyền "
            "thuyết, dòng họ hay địa danh cổ được giữ lại làm tên bản mới.",
        ),
        tags=("Xây dựng chính quyền", "Than Uyên"),
        huyen="Than Uyên",
        xa="Mường Cang",
        ban="Nà Ban",
        days_ago=21,
    ),
    Story(
        section="thoi-su",
        topic="chinh-quyen",
        title="Cử tri Mường Tè kiến nghị sớm sửa tuyến đường vào xã Ka Lăng",
        lead="Tại buổi tiếp xúc trước kỳ họp, nhiều cử tri cho biết tuyến đường thường xuyên sạt lở vào mùa "
        "mưa, gây khó khăn cho việc đi lại và vận chuyển hàng hóa.",
        details=(
            "Ka Lăng là xã biên giới cách trung tâm huyện hơn 70 km. Mỗi khi mưa lớn, nhiều đoạn taluy âm bị "
            "sụt lún, đất đá từ taluy dương đổ xuống mặt đường, có lúc xe cứu thương cũng không qua được. Cử tri "
            "đề nghị tỉnh sớm bố trí vốn gia cố các điểm sạt lở và làm rãnh thoát nước.",
            "Ngoài giao thông, cử tri còn kiến nghị về phụ cấp cho cán bộ không chuyên trách ở bản, việc phủ "
            "sóng điện thoại tại các bản giáp biên và hỗ trợ giống cây dược liệu.",
        ),
        tags=("Tiếp xúc cử tri", "Giao thông", "Mường Tè"),
        huyen="Mường Tè",
        xa="Ka Lăng",
        ban="Pa Ha",
        days_ago=30,
    ),
    Story(
        section="thoi-su",
        topic="giam-ngheo",
        title="Đoàn công tác của tỉnh kiểm tra tiến độ xóa nhà tạm tại Nậm Nhùn",
        lead="Huyện đã khởi công 186 căn nhà, 121 hộ đã chuyển vào ở; đoàn yêu cầu các xã tháo gỡ vướng mắc "
        "về mặt bằng để hoàn thành trước mùa mưa lũ.",
        details=(
            "Tại xã Nậm Manh, đoàn đến thăm một số gia đình vừa hoàn thành nhà mới. Những ngôi nhà rộng 40 – "
            "60 m², khung bê tông, mái tôn chống nóng, dựng trên nền đất cao, tránh xa khu vực có nguy cơ sạt "
            "lở.",
            "Đoàn ghi nhận sự vào cuộc của huyện, đồng thời lưu ý các xã giám sát chặt chẽ chất lượng công "
            "trình, công khai danh sách hộ được hỗ trợ và mức hỗ trợ để người dân cùng theo dõi.",
        ),
        tags=("Xóa nhà tạm", "Giảm nghèo", "Nậm Nhùn"),
        huyen="Nậm Nhùn",
        xa="Nậm Manh",
        ban="Nậm Ngá",
        days_ago=5,
    ),
    # Quốc phòng – An ninh
    Story(
        section="quoc-phong-an-ninh",
        topic="bien-phong",
        title="Đồn Biên phòng Ma Lù Thàng cùng dân giữ bình yên biên giới",
        lead="Những chuyến tuần tra song phương và các buổi họp bản có cán bộ biên phòng tham dự đã giúp tình "
        "hình trên tuyến biên giới luôn ổn định.",
        details=(
            "Mỗi tháng, đồn tổ chức tuần tra song phương với lực lượng bảo vệ biên giới phía bên kia, cùng "
            "kiểm tra hệ thống mốc giới, trao đổi thông tin về xuất nhập cảnh và phòng chống buôn lậu.",
        ),
        tags=("Biên phòng", "Biên giới", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Ma Ly Pho",
        ban="Ma Ly Chải",
        days_ago=6,
        facts={"don": "Ma Lù Thàng"},
    ),
    Story(
        section="quoc-phong-an-ninh",
        topic="bien-phong",
        title="Bộ đội Biên phòng nâng bước học sinh vùng biên Thu Lũm",
        lead="Chương trình “Nâng bước em tới trường” giúp nhiều em ở các bản giáp biên có thêm điều kiện theo "
        "học đến hết bậc trung học.",
        details=(
            "Đồn đang nhận đỡ đầu 15 học sinh có hoàn cảnh đặc biệt khó khăn, mỗi em được hỗ trợ 500.000 đồng "
            "mỗi tháng cho đến khi học hết lớp 12. Cán bộ đồn còn thường xuyên đến thăm, tặng sách vở, áo ấm và "
            "động viên các em chăm học.",
        ),
        tags=("Biên phòng", "Giáo dục", "Mường Tè"),
        huyen="Mường Tè",
        xa="Thu Lũm",
        ban="Ló Na",
        days_ago=20,
        facts={"don": "Thu Lũm"},
    ),
    Story(
        section="quoc-phong-an-ninh",
        topic="an-ninh",
        title="Bắt hai đối tượng vận chuyển ma túy qua đường mòn ở Sìn Hồ",
        lead="Lực lượng chức năng đã bắt quả tang hai đối tượng dùng xe máy vận chuyển 2 bánh heroin và hơn "
        "6.000 viên ma túy tổng hợp qua đường mòn liên xã.",
        details=(
            "Qua nắm tình hình, tổ công tác phát hiện hai người đàn ông đi xe máy có biểu hiện nghi vấn. Khi bị "
            "yêu cầu dừng xe, hai đối tượng bỏ chạy nhưng đã bị khống chế. Vụ việc đang được cơ quan điều tra "
            "tiếp tục làm rõ.",
        ),
        tags=("Ma túy", "An ninh trật tự", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Nậm Tăm",
        ban="Nậm Cầy",
        days_ago=27,
    ),
    Story(
        section="quoc-phong-an-ninh",
        topic="quoc-phong",
        title="Diễn tập khu vực phòng thủ huyện Tân Uyên",
        lead="Cuộc diễn tập kéo dài ba ngày với sự tham gia của quân sự, công an, dân quân tự vệ và các ban, "
        "ngành của huyện.",
        details=(
            "Các tình huống diễn tập được xây dựng sát thực tế địa phương, từ chuyển trạng thái sẵn sàng chiến "
            "đấu, bảo vệ mục tiêu trọng yếu đến phòng chống sạt lở đất và tìm kiếm cứu nạn.",
        ),
        tags=("Diễn tập", "Quốc phòng", "Tân Uyên"),
        huyen="Tân Uyên",
        xa="Pắc Ta",
        ban="Pắc Ta",
        days_ago=DRAFT,
    ),
    Story(
        section="quoc-phong-an-ninh",
        topic="an-ninh",
        title="Công an xã Khun Há đến từng nhà làm căn cước cho người cao tuổi",
        lead="Để người già, người ốm yếu không phải đi xa, công an xã mang máy móc đến tận bản, thu nhận hồ sơ "
        "ngay tại nhà.",
        details=(
            "Khun Há là xã vùng cao, các bản nằm rải rác trên sườn núi, có bản cách trung tâm xã hơn 15 km. Mỗi "
            "chuyến đi, tổ công tác mang theo máy tính, máy ảnh, thiết bị lấy vân tay và máy phát điện dự "
            "phòng.",
            "Từ đầu tháng, tổ đã thu nhận hồ sơ cấp căn cước cho hơn 120 người cao tuổi, người khuyết tật và "
            "người ốm nằm một chỗ.",
        ),
        tags=("Căn cước", "Công an xã", "Tam Đường"),
        huyen="Tam Đường",
        xa="Khun Há",
        ban="Sà Dề Phìn",
        days_ago=13,
    ),
    Story(
        section="quoc-phong-an-ninh",
        topic="quoc-phong",
        title="Tân binh Than Uyên hăng hái lên đường nhập ngũ",
        lead="126 thanh niên của huyện đã lên đường thực hiện nghĩa vụ quân sự, nhiều người viết đơn tình "
        "nguyện nhập ngũ.",
        details=(
            "Từ sáng sớm, sân Trung tâm Chính trị huyện đã đông người. Các tân binh trong bộ quân phục mới nhận "
            "hoa, quà của lãnh đạo huyện và lời dặn dò của gia đình, người thân.",
            "Tân binh Lò Văn Hưởng, quê xã Tà Hừa, chia sẻ: “Được khoác bộ quân phục là niềm tự hào của em và "
            "gia đình. Em sẽ cố gắng rèn luyện, hoàn thành nhiệm vụ để không phụ lòng bố mẹ và quê hương.”",
        ),
        tags=("Nhập ngũ", "Quốc phòng", "Than Uyên"),
        huyen="Than Uyên",
        xa="Tà Hừa",
        ban="Tà Hừa",
        days_ago=58,
    ),
    # Kinh tế
    Story(
        section="kinh-te",
        topic="che",
        title="Chè Tam Đường vào vụ, giá búp tươi cao hơn năm trước",
        lead="Thời tiết thuận lợi giúp các đồi chè ở Bản Bo, Bình Lư cho năng suất cao; nhà máy thu mua chè búp "
        "tươi với giá cao hơn năm trước từ 500 đến 1.000 đồng mỗi ki-lô-gam.",
        details=(
            "Những ngày này, dọc quốc lộ 4D qua xã Bản Bo, xe chở chè búp tươi nối nhau về các nhà máy. Chè loại "
            "một, hái đúng tiêu chuẩn, được mua với giá 9.000 – 10.000 đồng mỗi ki-lô-gam, cao nhất trong nhiều "
            "năm.",
        ),
        tags=("Chè", "Giá nông sản", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bản Bo",
        ban="Nà Bỏ",
        days_ago=1,
    ),
    Story(
        section="kinh-te",
        topic="kinh-te",
        title="Nông sản OCOP của Lai Châu có gian hàng riêng trên sàn thương mại điện tử",
        lead="Miến dong, chè shan tuyết, mật ong rừng và thịt trâu gác bếp của các hợp tác xã trong tỉnh đã "
        "được đưa lên hai sàn thương mại điện tử lớn, kèm mã truy xuất nguồn gốc.",
        details=(
            "Đợt đầu, 32 sản phẩm OCOP từ 3 sao trở lên được chọn mở gian hàng. Các chủ thể được tập huấn chụp "
            "ảnh sản phẩm, viết mô tả, đóng gói và xử lý đơn hàng; phí vận chuyển ba tháng đầu được hỗ trợ một "
            "phần.",
            "Một hợp tác xã ở xã Phúc Khoa cho biết chỉ sau hai tuần đã nhận hơn 400 đơn hàng chè và miến dong "
            "từ khách ở Hà Nội, TP. Hồ Chí Minh và Đà Nẵng.",
        ),
        tags=("OCOP", "Thương mại điện tử", "Tân Uyên"),
        huyen="Tân Uyên",
        xa="Phúc Khoa",
        ban="Hô Ta",
        days_ago=11,
    ),
    Story(
        section="kinh-te",
        topic="kinh-te",
        title="Cửa khẩu Ma Lù Thàng tấp nập xe chở nông sản xuất khẩu",
        lead="Mỗi ngày có hàng chục lượt xe chở chuối, sắn lát và dong riềng làm thủ tục qua cửa khẩu; thời "
        "gian thông quan được rút ngắn nhờ khai báo điện tử.",
        details=(
            "Từ sáng sớm, bãi kiểm hóa đã kín xe tải chờ làm thủ tục. Hải quan, biên phòng, kiểm dịch thực vật "
            "làm việc liên tục, phối hợp kiểm tra nhanh để nông sản tươi không phải chờ lâu.",
            "Từ đầu năm, kim ngạch xuất nhập khẩu qua cửa khẩu tăng đáng kể so với cùng kỳ. Ngoài nông sản, hàng "
            "nhập khẩu chủ yếu là máy móc, phân bón và vật tư nông nghiệp.",
        ),
        tags=("Cửa khẩu", "Xuất khẩu", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Ma Ly Pho",
        ban="Ma Lù Thàng",
        days_ago=18,
    ),
    Story(
        section="kinh-te",
        topic="che",
        title="Chè bánh từ cây shan tuyết cổ thụ của người Hà Nhì ở Sì Lở Lầu",
        lead="Từ những cây chè hàng trăm năm tuổi trên độ cao gần 2.000 m, một hợp tác xã của đồng bào Hà Nhì "
        "làm ra chè bánh được khách miền xuôi tìm mua.",
        details=(
            "Hợp tác xã có 25 thành viên, quản lý gần 30 ha chè shan tuyết mọc xen trong rừng. Búp chè được hái "
            "tay, sao chảo gang, vò rồi ép thành bánh tròn, phơi trong bóng râm. Mỗi năm hợp tác xã bán ra "
            "khoảng 3 tấn chè thành phẩm.",
        ),
        tags=("Chè", "Shan tuyết", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Sì Lở Lầu",
        ban="Lả Chà",
        days_ago=26,
    ),
    Story(
        section="kinh-te",
        topic="kinh-te",
        title="Khởi công nhà máy chế biến mắc ca công suất 3.000 tấn tại Tân Uyên",
        lead="Nhà máy dự kiến tạo việc làm cho khoảng 150 lao động địa phương và bao tiêu sản phẩm cho các vùng "
        "trồng mắc ca trong tỉnh.",
        details=(
            "Dự án rộng gần 5 ha tại xã Thân Thuộc, gồm dây chuyền tách vỏ, sấy, phân loại và đóng gói hạt. Nhà "
            "đầu tư cam kết thu mua cho người dân theo giá thị trường, hỗ trợ kỹ thuật chăm sóc, cắt tỉa và ghép "
            "cải tạo vườn cây.",
            "Mắc ca là một trong những cây trồng chủ lực của Lai Châu, nhưng nhiều năm qua người dân chủ yếu bán "
            "hạt tươi cho thương lái, giá bấp bênh. Nhà máy ngay tại địa phương được kỳ vọng giải quyết căn bản "
            "đầu ra cho cây trồng này.",
        ),
        tags=("Mắc ca", "Đầu tư", "Tân Uyên"),
        huyen="Tân Uyên",
        xa="Thân Thuộc",
        ban="Nà Phát",
        days_ago=35,
    ),
    Story(
        section="kinh-te",
        topic="duoc-lieu",
        title="Giá thảo quả khô tăng, người trồng ở Mường Tè phấn khởi",
        lead="Thương lái thu mua thảo quả khô tận nhà với giá cao hơn năm trước; nhiều hộ ở xã Tà Tổng có "
        "nguồn thu hàng chục triệu đồng sau vụ hái.",
        details=(
            "Đầu vụ, thảo quả khô được mua với giá 250.000 – 280.000 đồng mỗi ki-lô-gam, tăng khoảng 30% so với "
            "vụ trước. Thương lái từ miền xuôi lên tận bản, bà con không phải gùi hàng đi xa.",
        ),
        tags=("Thảo quả", "Giá nông sản", "Mường Tè"),
        huyen="Mường Tè",
        xa="Tà Tổng",
        ban="Nhú Ma",
        days_ago=42,
    ),
    # Nông nghiệp – Nông thôn
    Story(
        section="nong-nghiep-nong-thon",
        topic="nong-nghiep",
        title="Cánh đồng Mường Than vào vụ gặt, năng suất ước đạt 58 tạ/ha",
        lead="Cánh đồng lớn thứ tư vùng Tây Bắc đang vào cao điểm thu hoạch; máy gặt đập liên hợp giúp bà con "
        "rút ngắn thời gian và giảm thất thoát.",
        details=(
            "Vụ mùa năm nay, cánh đồng Mường Than gieo cấy hàng nghìn héc-ta lúa, chủ yếu là lúa thuần chất "
            "lượng và giống Séng Cù đặc sản. Thời tiết thuận lợi, sâu bệnh được kiểm soát tốt, nhiều chân ruộng "
            "cho trên 60 tạ/ha.",
        ),
        tags=("Lúa", "Cánh đồng Mường Than", "Than Uyên"),
        huyen="Than Uyên",
        xa="Mường Kim",
        ban="Nà Cóc",
        days_ago=2,
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="nong-nghiep",
        title="Nuôi cá tầm nước lạnh ở Sìn Hồ cho thu nhập khá",
        lead="Tận dụng nguồn nước suối mát quanh năm, nhiều hộ đã xây bể nuôi cá tầm, cá hồi, mỗi năm bán ra "
        "hàng chục tấn cá thương phẩm.",
        details=(
            "Cá tầm, cá hồi ưa nước lạnh dưới 20 độ C, rất hợp với khí hậu ở độ cao trên 1.500 m của Sìn Hồ. Mỗi "
            "bể rộng khoảng 50 m², nước suối dẫn qua đường ống chảy liên tục để đủ ô-xy cho cá.",
            "Sau 14 – 18 tháng, cá đạt 1,5 – 2 kg mỗi con, được nhà hàng ở thành phố Lai Châu và Sa Pa mua tận "
            "nơi với giá 180.000 – 220.000 đồng mỗi ki-lô-gam.",
        ),
        tags=("Cá nước lạnh", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Tả Ngảo",
        ban="Nậm Đắc",
        days_ago=8,
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="duoc-lieu",
        title="Phong Thổ trồng mới hơn 300 ha thảo quả dưới tán rừng",
        lead="Trồng thảo quả dưới tán rừng vừa tạo sinh kế cho người dân, vừa gắn trách nhiệm bảo vệ rừng với "
        "từng hộ gia đình.",
        details=(
            "Cây giống được huyện hỗ trợ toàn bộ, bà con tự bố trí nhân lực trồng và chăm sóc. Kiểm lâm địa bàn "
            "phối hợp với xã hướng dẫn kỹ thuật, bảo đảm không chặt cây rừng, không phá lớp thảm thực vật dưới "
            "tán.",
        ),
        tags=("Thảo quả", "Bảo vệ rừng", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Mồ Sì San",
        ban="Sì Choang",
        days_ago=24,
        facts={"dien_tich": 4200},
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="che",
        title="Tam Đường nhân rộng mô hình trồng chè theo tiêu chuẩn VietGAP",
        lead="Hơn 80 hộ đã được tập huấn quy trình bón phân, phun thuốc và ghi nhật ký sản xuất để chè đủ điều "
        "kiện vào các nhà máy chế biến xuất khẩu.",
        details=(
            "Theo VietGAP, người trồng chỉ dùng phân bón, thuốc bảo vệ thực vật trong danh mục cho phép, bảo đảm "
            "thời gian cách ly trước khi hái và ghi chép đủ các khâu. Ban đầu nhiều hộ còn ngại, nhưng thấy chè "
            "VietGAP được nhà máy mua giá cao hơn, bà con đã chủ động tham gia.",
        ),
        tags=("Chè", "VietGAP", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bình Lư",
        ban="Nà Luồng",
        days_ago=31,
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="nong-thon-moi",
        title="Xã Mường Khoa đạt chuẩn nông thôn mới nâng cao",
        lead="Đường bê tông tới tận các bản, trường học và trạm y tế đạt chuẩn, thu nhập bình quân tăng gần gấp "
        "đôi sau năm năm là những đổi thay dễ thấy ở xã vùng thấp của huyện Tân Uyên.",
        details=(
            "Mường Khoa nằm dọc quốc lộ 32, có cánh đồng lúa, vùng chè và cây ăn quả rộng lớn. Tất cả các bản "
            "trong xã đã đạt chuẩn nông thôn mới, hai bản được công nhận bản kiểu mẫu.",
        ),
        tags=("Nông thôn mới", "Tân Uyên"),
        huyen="Tân Uyên",
        xa="Mường Khoa",
        ban="Nà Ún",
        days_ago=15,
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="nong-thon-moi",
        title="Người dân Nậm Nhùn hiến đất mở rộng đường liên bản",
        lead="Hơn 40 hộ đã tự nguyện hiến hàng nghìn mét vuông đất vườn, đất ruộng để mở rộng tuyến đường bê "
        "tông nối ba bản.",
        details=(
            "Tuyến đường dài gần 4 km, được mở rộng từ 2,5 m lên 5 m, có rãnh thoát nước và cống qua đường. "
            "Không hộ nào đòi bồi thường; nhiều gia đình còn tự chặt cây, dỡ tường rào, dời chuồng trại để bàn "
            "giao mặt bằng sớm.",
        ),
        tags=("Nông thôn mới", "Giao thông nông thôn", "Nậm Nhùn"),
        huyen="Nậm Nhùn",
        xa="Lê Lợi",
        ban="Pa Kéo",
        days_ago=37,
        facts={"dien_tich_m2": 6800},
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="nong-nghiep",
        title="Chủ động chống rét cho đàn trâu, bò vùng cao",
        lead="Ngành nông nghiệp khuyến cáo bà con dự trữ rơm, cỏ khô, che chắn chuồng trại và không thả rông "
        "gia súc trên núi cao khi nhiệt độ xuống dưới 10 độ C.",
        details=(
            "Huyện Sìn Hồ có hơn 20.000 con trâu, bò, phần lớn nuôi theo lối truyền thống, thả rông trên nương. "
            "Những năm trước, các đợt rét đậm kéo dài từng làm hàng trăm con gia súc chết, gây thiệt hại lớn.",
            "Huyện đã chỉ đạo các xã kiểm tra chuồng trại, hướng dẫn bà con quây bạt, sưởi ấm đúng cách, bổ sung "
            "muối, cám ngô vào khẩu phần và tiêm phòng đầy đủ cho đàn gia súc.",
        ),
        tags=("Chăn nuôi", "Phòng chống rét", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Hồng Thu",
        ban="Pậu Cải",
        days_ago=45,
    ),
    Story(
        section="nong-nghiep-nong-thon",
        topic="duoc-lieu",
        title="Sâm Lai Châu: từ cây thuốc quý thành sinh kế của đồng bào Mường Tè",
        lead="Các vườn sâm dưới tán rừng già trên độ cao 1.600 m đang được khoanh vùng bảo vệ; nhiều hộ đã liên "
        "kết với doanh nghiệp để nhân giống và phát triển cây trồng này.",
        details=(
            "Sâm Lai Châu là loài cây quý, chỉ sinh trưởng tốt ở vùng núi cao mát lạnh quanh năm. Để giữ nguồn "
            "gen, huyện khoanh vùng các khu rừng có sâm mọc tự nhiên và hỗ trợ người dân làm vườn ươm, nhân "
            "giống từ hạt.",
            "Mỗi vườn sâm đều có lán canh, hàng rào và sổ theo dõi từng cây. Nhờ liên kết với doanh nghiệp, người "
            "dân được hỗ trợ giống, kỹ thuật và cam kết bao tiêu khi đến kỳ thu hoạch.",
        ),
        tags=("Sâm Lai Châu", "Dược liệu", "Mường Tè"),
        huyen="Mường Tè",
        xa="Pa Vệ Sử",
        ban="Phìn Khò",
        days_ago=56,
    ),
    # Xã hội
    Story(
        section="xa-hoi",
        topic="giao-duc",
        title="Khánh thành nhà bán trú mới cho học sinh xã Mù Cả",
        lead="Dãy nhà bán trú với bếp ăn một chiều và nhà tắm nước nóng đã đưa vào sử dụng, giúp hơn 300 học "
        "sinh yên tâm ở lại trường trong tuần.",
        details=(
            "Công trình có tổng vốn khoảng 9 tỷ đồng, gồm 16 phòng ở, nhà ăn, bếp và khu vệ sinh khép kín. Trước "
            "đây, nhiều em phải ở trong những căn lán gỗ tạm, mùa đông gió lùa lạnh buốt.",
        ),
        tags=("Giáo dục", "Học sinh bán trú", "Mường Tè"),
        huyen="Mường Tè",
        xa="Mù Cả",
        ban="Mù Cả",
        days_ago=7,
        facts={"so_hs": 410},
    ),
    Story(
        section="xa-hoi",
        topic="giao-duc",
        title="Lớp học xóa mù chữ sáng đèn mỗi tối ở Hua Bum",
        lead="Ba buổi tối mỗi tuần, căn phòng nhỏ ở nhà văn hóa bản lại sáng đèn. Ở đó, những người phụ nữ "
        "ngoài 40 tuổi lần đầu cầm bút tập viết tên mình.",
        details=(
            "Lớp có 28 học viên, phần lớn là phụ nữ La Hủ và Mông. Giáo viên là thầy cô trường tiểu học trong xã, "
            "tình nguyện đứng lớp sau giờ dạy chính khóa. Học viên được phát sách vở, bút và đèn pin soi đường "
            "khi tan lớp.",
            "Sau bốn tháng, nhiều người đã đọc được biển báo, đơn thuốc, tự ký tên khi làm thủ tục vay vốn và "
            "nhắn tin được cho con cái đi làm ăn xa.",
        ),
        tags=("Xóa mù chữ", "Giáo dục", "Nậm Nhùn"),
        huyen="Nậm Nhùn",
        xa="Hua Bum",
        ban="Nậm Pục",
        days_ago=16,
        quote=2,
    ),
    Story(
        section="xa-hoi",
        topic="y-te",
        title="Khám sàng lọc miễn phí cho hơn 1.000 người cao tuổi ở Tân Uyên",
        lead="Đoàn y, bác sĩ của Bệnh viện Đa khoa tỉnh và Trung tâm Y tế huyện đã khám, đo huyết áp, xét "
        "nghiệm đường huyết và cấp thuốc cho người cao tuổi ở bốn xã.",
        details=(
            "Đợt khám kéo dài năm ngày, tập trung vào các bệnh thường gặp ở người cao tuổi như tăng huyết áp, "
            "tiểu đường, đục thủy tinh thể và thoái hóa khớp. Người có dấu hiệu đục thủy tinh thể được lập danh "
            "sách để mổ miễn phí trong đợt tới.",
        ),
        tags=("Y tế", "Người cao tuổi", "Tân Uyên"),
        huyen="Tân Uyên",
        xa="Trung Đồng",
        ban="Hua Pầu",
        days_ago=12,
    ),
    Story(
        section="xa-hoi",
        topic="giam-ngheo",
        title="Những mái ấm mới của hộ nghèo ở Phăng Sô Lin",
        lead="Với sự hỗ trợ của Nhà nước, dòng họ và công sức của cả bản, nhiều hộ nghèo đã chuyển về ngôi nhà "
        "vững chãi trước mùa mưa.",
        details=(
            "Ở bản {ban}, ngôi nhà mới của gia đình bà Lò Thị Pản nổi bật giữa sườn đồi. Trước đây, cả nhà năm "
            "người sống trong căn nhà vách nứa, mái tấm xi măng vỡ nhiều chỗ. Được hỗ trợ 60 triệu đồng, thêm "
            "vốn vay ưu đãi và ngày công của anh em trong họ, gia đình đã dựng được ngôi nhà ba gian chắc chắn.",
        ),
        tags=("Xóa nhà tạm", "Giảm nghèo", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Phăng Sô Lin",
        ban="Nậm Cuổi",
        days_ago=23,
    ),
    Story(
        section="xa-hoi",
        topic="y-te",
        title="Trạm y tế xã Ka Lăng có máy siêu âm, sản phụ bớt đường xa",
        lead="Phụ nữ mang thai ở các bản xa giờ không phải đi hơn 70 km đường núi xuống trung tâm huyện để siêu "
        "âm, khám thai định kỳ.",
        details=(
            "Máy siêu âm xách tay do một tổ chức thiện nguyện trao tặng, kèm khóa đào tạo một tháng cho y sĩ của "
            "trạm tại bệnh viện tỉnh. Mỗi tháng trạm siêu âm cho khoảng 40 sản phụ, đã phát hiện sớm một số "
            "trường hợp thai có nguy cơ để chuyển tuyến kịp thời.",
        ),
        tags=("Y tế", "Sức khỏe sinh sản", "Mường Tè"),
        huyen="Mường Tè",
        xa="Ka Lăng",
        ban="Pa Ha",
        days_ago=38,
        quote=1,
    ),
    Story(
        section="xa-hoi",
        topic="giam-ngheo",
        title="Học nghề ngay tại bản, lao động Than Uyên có thêm sinh kế",
        lead="Các lớp sửa chữa máy nông nghiệp, chăn nuôi thú y và may công nghiệp được mở ngay tại nhà văn hóa "
        "bản, thu hút đông đảo thanh niên tham gia.",
        details=(
            "Năm nay huyện mở 18 lớp nghề cho hơn 500 lao động nông thôn. Mỗi khóa học từ một đến ba tháng, học "
            "viên được hỗ trợ tiền ăn, tiền đi lại và được giới thiệu việc làm ở doanh nghiệp trong và ngoài tỉnh "
            "sau khi tốt nghiệp.",
        ),
        tags=("Đào tạo nghề", "Việc làm", "Than Uyên"),
        huyen="Than Uyên",
        xa="Phúc Than",
        ban="Sắp Ngụa",
        days_ago=47,
    ),
    Story(
        section="xa-hoi",
        topic="giao-duc",
        title="Thư viện xanh dưới tán cây ở trường vùng cao Dào San",
        lead="Hơn 2.000 đầu sách do các nhà hảo tâm quyên góp được xếp trên kệ gỗ dưới tán cây, thành góc đọc "
        "quen thuộc của học sinh mỗi giờ ra chơi.",
        details=(
            "Thư viện do thầy trò tự dựng từ gỗ tận dụng, mái tôn, xung quanh trồng hoa và cây xanh. Sách được "
            "xếp theo màu để các em nhỏ dễ tìm; mỗi lớp cử một bạn làm “thủ thư nhí” quản lý việc mượn, trả.",
        ),
        tags=("Giáo dục", "Văn hóa đọc", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Dào San",
        ban="Tả Chải",
        days_ago=54,
    ),
    # Văn hóa – Du lịch
    Story(
        section="van-hoa-du-lich",
        topic="du-lich",
        title="Mùa lúa chín, du khách đổ về Sìn Hồ săn ảnh ruộng bậc thang",
        lead="Những thửa ruộng vàng óng trên cao nguyên Sìn Hồ đang vào độ đẹp nhất; nhiều homestay kín phòng "
        "vào cuối tuần.",
        details=(
            "Từ thị trấn Sìn Hồ, du khách chỉ mất khoảng 30 phút đi xe máy để đến những điểm ngắm ruộng bậc thang "
            "đẹp nhất. Ruộng uốn lượn theo sườn núi, xen giữa là những nếp nhà của đồng bào Mông, Dao, tạo nên "
            "bức tranh vùng cao nhiều màu sắc.",
        ),
        tags=("Du lịch", "Ruộng bậc thang", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Làng Mô",
        ban="Seo Lèng",
        days_ago=4,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="du-lich",
        title="Người Dao đỏ ở Sì Thâu Chải làm du lịch cộng đồng",
        lead="Từ những ngôi nhà trình tường, bà con trong bản đã mở dịch vụ lưu trú, tắm lá thuốc và dạy du "
        "khách làm bánh, thêu khăn.",
        details=(
            "Bản có hơn 60 hộ, đều là người Dao đỏ. Vài năm trước, được huyện hỗ trợ kinh phí cải tạo nhà ở và "
            "tập huấn kỹ năng đón khách, một số hộ đã mạnh dạn làm homestay. Nay bản có 9 cơ sở lưu trú, mỗi năm "
            "đón hàng nghìn lượt khách.",
        ),
        tags=("Du lịch cộng đồng", "Người Dao", "Tam Đường"),
        huyen="Tam Đường",
        xa="Sơn Bình",
        ban="Sì Thâu Chải",
        days_ago=10,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="van-hoa",
        title="Lễ hội Then Kin Pang của người Lự ở Bản Hon",
        lead="Lễ hội cầu mùa, cầu an của đồng bào Lự diễn ra trong ba ngày với phần lễ trang nghiêm và phần hội "
        "sôi nổi, thu hút đông đảo người dân và du khách.",
        details=(
            "Theo quan niệm của người Lự, Then Kin Pang là vị thần cai quản mùa màng, mang nước về cho đồng ruộng. "
            "Phần lễ do thầy cúng thực hiện bên bờ suối với xôi nếp cẩm, gà, cá nướng và rượu ngô; sau lễ, dân "
            "bản cùng rước nước về bản, cầu cho mùa màng tốt tươi.",
            "Phần hội rộn ràng với múa xòe, ném còn, kéo co, đánh cù và thi nấu ăn giữa các bản. Các cô gái Lự "
            "trong bộ váy áo chàm thêu hoa văn rực rỡ khiến nhiều du khách thích thú xin chụp ảnh.",
        ),
        tags=("Lễ hội", "Người Lự", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bản Hon",
        ban="Hon",
        days_ago=19,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="van-hoa",
        title="Giữ nghề thêu thổ cẩm của phụ nữ Mông ở Sin Suối Hồ",
        lead="Bên cạnh việc đón khách du lịch, tổ thêu của bản duy trì những buổi truyền nghề cho các em gái, "
        "để hoa văn của cha ông không bị mai một.",
        details=(
            "Tổ thêu có 20 thành viên, họp mỗi tối thứ Bảy tại nhà văn hóa. Những phụ nữ lớn tuổi dạy các em gái "
            "vẽ sáp ong, nhuộm chàm và thêu họa tiết xoắn ốc, hình quả trám vốn đặc trưng trong trang phục của "
            "người Mông.",
            "Túi xách, khăn quàng, áo khoác của tổ được bán ngay tại bản và gửi đến các cửa hàng ở Sa Pa, Hà Nội, "
            "mang lại thu nhập thêm cho chị em lúc nông nhàn.",
        ),
        tags=("Thổ cẩm", "Người Mông", "Phong Thổ"),
        huyen="Phong Thổ",
        xa="Sin Suối Hồ",
        ban="Sin Suối Hồ",
        days_ago=28,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="du-lich",
        title="Săn mây trên đèo Ô Quy Hồ hút khách những ngày đầu đông",
        lead="Từ tờ mờ sáng, hàng trăm du khách đã có mặt ở các điểm dừng chân trên đỉnh đèo để ngắm biển mây "
        "trải dài dưới chân núi.",
        details=(
            "Đèo Ô Quy Hồ trên quốc lộ 4D nối Lai Châu với Lào Cai, là một trong những cung đèo dài và đẹp nhất "
            "Tây Bắc. Những ngày trời lạnh, hanh khô sau mưa, mây hình thành dày đặc, phủ kín các thung lũng bên "
            "dưới.",
        ),
        tags=("Du lịch", "Đèo Ô Quy Hồ", "Tam Đường"),
        huyen="Tam Đường",
        xa="Sơn Bình",
        ban="Phìn Chải",
        days_ago=33,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="van-hoa",
        title="Liên hoan văn nghệ quần chúng các dân tộc huyện Than Uyên",
        lead="Mười lăm đội văn nghệ đến từ các xã, thị trấn mang đến những tiết mục múa xòe, hát then, thổi "
        "khèn Mông đậm đà bản sắc.",
        details=(
            "Các tiết mục được dàn dựng công phu, nhiều bài hát do chính diễn viên quần chúng sáng tác, ca ngợi "
            "quê hương và đổi thay của bản làng. Có đội có cả ba thế hệ trong một gia đình cùng biểu diễn.",
        ),
        tags=("Văn nghệ", "Than Uyên"),
        huyen="Than Uyên",
        xa="Mường Than",
        ban="Mường",
        days_ago=40,
    ),
    Story(
        section="van-hoa-du-lich",
        topic="du-lich",
        title="Nậm Nhùn thử nghiệm tour du lịch trên lòng hồ thủy điện",
        lead="Các tour đi thuyền trên lòng hồ, câu cá và thăm bản của đồng bào Cống đang được huyện thử nghiệm, "
        "hướng tới phát triển du lịch sinh thái.",
        details=(
            "Lòng hồ thủy điện rộng hàng nghìn héc-ta, mặt nước xanh, hai bên là núi rừng và những bản làng ven "
            "hồ. Huyện đã cùng một doanh nghiệp lữ hành khảo sát, xây dựng tuyến tham quan dài khoảng 25 km, "
            "dừng chân ở ba điểm.",
        ),
        tags=("Du lịch", "Nậm Nhùn"),
        huyen="Nậm Nhùn",
        xa="Nậm Hàng",
        ban="Nậm Hàng",
        days_ago=DRAFT,
    ),
    # Thể thao
    Story(
        section="the-thao",
        topic="the-thao",
        title="Khởi tranh giải bóng đá thanh niên các dân tộc huyện Tam Đường",
        lead="Mười hai đội bóng đến từ các xã, thị trấn sẽ tranh tài trong hai tuần tại sân vận động trung tâm "
        "huyện.",
        details=(
            "Các đội chia thành ba bảng, đá vòng tròn một lượt để chọn đội vào tứ kết. Trận khai mạc, đội xã Bình "
            "Lư thắng đội xã Nà Tăm 3 – 1 trước sự cổ vũ của hàng trăm khán giả.",
        ),
        tags=("Bóng đá", "Thanh niên", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bình Lư",
        ban="Tác Tình",
        days_ago=3,
        quote=0,
    ),
    Story(
        section="the-thao",
        topic="the-thao",
        title="Đẩy gậy, bắn nỏ hút khán giả tại Đại hội Thể dục thể thao huyện Sìn Hồ",
        lead="Các môn thể thao dân tộc luôn kín khán giả; nhiều vận động viên là nông dân vừa rời nương đã vào "
        "sân thi đấu.",
        details=(
            "Đại hội năm nay có hơn 600 vận động viên tranh tài ở 9 môn, trong đó có đẩy gậy, kéo co, bắn nỏ, ném "
            "pao, tu lu. Nhiều vận động viên đã ngoài 50 tuổi vẫn thi đấu đầy khí thế.",
            "Ở môn bắn nỏ, các xạ thủ điềm tĩnh ngắm bắn ở cự ly 20 m; môn đẩy gậy đòi hỏi sức mạnh, sự dẻo dai "
            "và kỹ thuật giữ thăng bằng, khiến khán giả liên tục reo hò.",
        ),
        tags=("Thể thao dân tộc", "Đại hội thể dục thể thao", "Sìn Hồ"),
        huyen="Sìn Hồ",
        xa="Pa Tần",
        ban="Nậm Ngập",
        days_ago=22,
    ),
    Story(
        section="the-thao",
        topic="the-thao",
        title="Hơn 500 vận động viên chạy địa hình xuyên đồi chè Tam Đường",
        lead="Các vận động viên trong và ngoài tỉnh chạy qua những đồi chè, con suối và bản làng với các cự ly "
        "từ 10 km đến 42 km.",
        details=(
            "Đường chạy đi qua các đồi chè, những cánh rừng già và bản làng của đồng bào Lự, Thái, Dao. Ở mỗi "
            "trạm tiếp nước, người dân trong trang phục truyền thống mời vận động viên chén chè xanh, nắm xôi.",
            "Giải chạy cũng là dịp quảng bá cảnh quan, văn hóa và sản phẩm chè của địa phương. Nhiều vận động "
            "viên ở lại thêm vài ngày để khám phá các điểm du lịch trong huyện.",
        ),
        tags=("Chạy địa hình", "Du lịch", "Tam Đường"),
        huyen="Tam Đường",
        xa="Bản Bo",
        ban="Nà Tăm",
        days_ago=34,
        quote=1,
    ),
    Story(
        section="the-thao",
        topic="the-thao",
        title="Sôi nổi giải bóng chuyền hơi người cao tuổi huyện Than Uyên",
        lead="Hai mươi đội đến từ các câu lạc bộ người cao tuổi trong huyện tham gia giải, góp phần rèn luyện "
        "sức khỏe và gắn kết cộng đồng.",
        details=(
            "Bóng chuyền hơi là môn thể thao nhẹ nhàng, hợp với người cao tuổi. Nhiều vận động viên ngoài 70 tuổi "
            "vẫn di chuyển nhanh nhẹn, phối hợp nhịp nhàng, nhận những tràng pháo tay giòn giã từ khán đài.",
        ),
        tags=("Người cao tuổi", "Bóng chuyền hơi", "Than Uyên"),
        huyen="Than Uyên",
        xa="Phúc Than",
        ban="Mường Than",
        days_ago=50,
        quote=1,
    ),
    Story(
        section="the-thao",
        topic="the-thao",
        title="Học sinh Mường Tè tranh tài tại Hội khỏe Phù Đổng cấp huyện",
        lead="Gần 400 học sinh tham gia các môn điền kinh, bóng đá, kéo co và cờ vua trong ba ngày thi đấu.",
        details=(
            "Hội khỏe Phù Đổng là dịp để các trường đánh giá kết quả giáo dục thể chất, đồng thời phát hiện học "
            "sinh có năng khiếu để bồi dưỡng, dự thi cấp tỉnh.",
        ),
        tags=("Hội khỏe Phù Đổng", "Giáo dục", "Mường Tè"),
        huyen="Mường Tè",
        xa="Bum Nưa",
        ban="Nậm Củm",
        days_ago=-2,
        quote=1,
    ),
)

# ---------------------------------------------------------------------------------------------------------
# Photos: landscapes painted with Pillow, so the demo needs no downloads and the repository no binaries.
# ---------------------------------------------------------------------------------------------------------

PHOTO_SIZE = (1200, 800)
PHOTOS_PER_SCENE = 4


@dataclass(frozen=True)
class Scene:
    caption: str
    alt: str
    sky: tuple  # top, horizon
    ridges: tuple  # far to near
    ground: str  # "terraces", "tea" or "valley"
    fields: tuple  # two alternating field colours
    sun: tuple | None = None
    mist: int = 0  # 0-255: how thick the valley fog is


SCENES = {
    "ruong-vang": Scene(
        caption="Ruộng bậc thang mùa lúa chín dưới chân núi",
        alt="Ảnh minh họa: ruộng bậc thang vàng óng, phía sau là nhiều lớp núi xanh dưới bầu trời trong.",
        sky=((62, 120, 196), (206, 228, 246)),
        ridges=((150, 175, 205), (105, 140, 150), (70, 110, 90), (50, 90, 55)),
        ground="terraces",
        fields=((226, 186, 64), (196, 150, 44)),
        sun=(255, 246, 214),
        mist=60,
    ),
    "doi-che": Scene(
        caption="Đồi chè xanh trong sương sớm",
        alt="Ảnh minh họa: những hàng chè xanh chạy theo sườn đồi, núi xa chìm trong sương.",
        sky=((150, 186, 214), (236, 240, 232)),
        ridges=((176, 192, 200), (128, 156, 150), (86, 124, 96)),
        ground="tea",
        fields=((88, 150, 62), (62, 118, 48)),
        sun=(255, 250, 235),
        mist=140,
    ),
    "hoang-hon": Scene(
        caption="Hoàng hôn trên những dãy núi vùng biên",
        alt="Ảnh minh họa: mặt trời lặn sau nhiều dãy núi tím sẫm, bầu trời chuyển cam.",
        sky=((58, 48, 112), (250, 170, 96)),
        ridges=((170, 110, 130), (120, 76, 110), (78, 50, 84), (40, 30, 52)),
        ground="valley",
        fields=((52, 62, 46), (40, 50, 38)),
        sun=(255, 214, 150),
        mist=30,
    ),
    "nuoc-do": Scene(
        caption="Ruộng bậc thang mùa nước đổ",
        alt="Ảnh minh họa: những thửa ruộng bậc thang ngập nước phản chiếu bầu trời, bờ ruộng xanh cỏ.",
        sky=((92, 150, 210), (220, 234, 244)),
        ridges=((140, 168, 196), (96, 130, 140), (66, 104, 84)),
        ground="terraces",
        fields=((176, 204, 226), (140, 176, 200)),
        sun=None,
        mist=90,
    ),
    "rung-may": Scene(
        caption="Rừng già trong mây mù",
        alt="Ảnh minh họa: những dãy núi phủ rừng xanh thẫm chìm trong mây trắng.",
        sky=((150, 160, 172), (214, 218, 222)),
        ridges=((150, 164, 170), (106, 128, 124), (66, 94, 78), (38, 66, 48)),
        ground="valley",
        fields=((46, 86, 52), (36, 72, 44)),
        sun=None,
        mist=170,
    ),
    "thung-lung": Scene(
        caption="Thung lũng xanh giữa núi rừng",
        alt="Ảnh minh họa: thung lũng có ruộng xanh và vài nếp nhà nhỏ, bao quanh là núi.",
        sky=((40, 110, 200), (190, 220, 245)),
        ridges=((130, 160, 200), (90, 130, 130), (60, 110, 70)),
        ground="valley",
        fields=((120, 176, 70), (96, 150, 58)),
        sun=(255, 250, 225),
        mist=40,
    ),
}


def paint_landscape(*, scene, seed):
    """A JPEG (bytes) of ``scene``, different for every ``seed`` and the same for the same seed."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    horizon = int(height * rng.uniform(0.46, 0.56))
    image = _gradient((width, height), scene.sky[0], scene.sky[1], stop=horizon)
    draw = ImageDraw.Draw(image)
    if scene.sun:
        _paint_sun(draw, rng, scene, horizon)
    layers = len(scene.ridges)
    for index, colour in enumerate(scene.ridges):
        base = horizon - (layers - 1 - index) * 48 + 10
        amplitude = 150 - index * 20
        ridge = _ridge(rng, width, base, amplitude)
        draw.polygon([(0, height), *ridge, (width, height)], fill=_jitter(rng, colour, 6))
        if scene.mist and index < layers - 1:
            _paint_mist(image, top=base - 10, depth=110, strength=scene.mist)
    ground_top = horizon + rng.randint(50, 110)
    if scene.ground == "valley":
        _paint_valley(draw, rng, scene, ground_top)
    else:
        _paint_rows(draw, rng, scene, ground_top, tea=scene.ground == "tea")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def _mix(start, end, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(start, end, strict=True))


def _jitter(rng, colour, spread):
    return tuple(max(0, min(255, channel + rng.randint(-spread, spread))) for channel in colour)


def _gradient(size, top, bottom, *, stop):
    """Sky from ``top`` down to ``bottom`` at row ``stop`` (the horizon), then ``bottom`` to the foot."""
    width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_mix(top, bottom, min(1.0, y / stop)) for y in range(height)])
    return column.resize(size, Image.Resampling.NEAREST)


def _ridge(rng, width, base, amplitude):
    """A mountain skyline by midpoint displacement: 129 points across the width."""
    heights = [base - rng.uniform(0, amplitude * 0.7), base - rng.uniform(0, amplitude * 0.7)]
    spread = amplitude * 0.6
    while len(heights) < 129:
        refined = []
        for left, right in zip(heights, heights[1:], strict=False):
            refined += [left, (left + right) / 2 + rng.uniform(-spread, spread)]
        refined.append(heights[-1])
        heights = refined
        spread *= 0.55
    step = width / (len(heights) - 1)
    return [(i * step, y) for i, y in enumerate(heights)]


def _paint_sun(draw, rng, scene, horizon):
    width, height = PHOTO_SIZE
    x = width * rng.uniform(0.15, 0.85)
    y = horizon - rng.uniform(150, 300)
    radius = rng.uniform(26, 42)
    sky_there = _mix(scene.sky[0], scene.sky[1], max(0.0, min(1.0, y / horizon)))
    for ring in range(6, 0, -1):
        r = radius * (1 + ring * 0.45)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_mix(sky_there, scene.sun, 0.5 / ring))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=scene.sun)


def _paint_mist(image, *, top, depth, strength):
    width, _ = image.size
    mask = Image.new("L", (1, depth))
    mask.putdata([round(strength * math.sin(math.pi * y / depth)) for y in range(depth)])
    mask = mask.resize((width, depth), Image.Resampling.NEAREST)
    image.paste((236, 240, 242), (0, int(top)), mask)


def _curve(width, y, amplitude, *, frequency, phase, tilt, ripple=0.0):
    """A contour across the picture: one long wave, an optional shorter one, and the slope of the hill."""
    return [
        (
            x,
            y
            + amplitude * math.sin(frequency * x + phase)
            + ripple * math.sin(frequency * 2.7 * x + phase * 1.9)
            + tilt * (x - width / 2),
        )
        for x in range(0, width + 1, 20)
    ]


def _paint_rows(draw, rng, scene, top, *, tea):
    """Terraced fields or rows of tea bushes: bands that follow the slope, growing towards the viewer."""
    width, height = PHOTO_SIZE
    frequency = rng.uniform(0.004, 0.008)
    phase = rng.uniform(0, math.tau)
    tilt = rng.uniform(-0.08, 0.08)
    amplitude = rng.uniform(14, 30)
    band = rng.uniform(9, 14) if tea else rng.uniform(12, 18)
    y = float(top)
    ripple = 0.0
    upper = _curve(width, y, amplitude, frequency=frequency, phase=phase, tilt=tilt)
    draw.polygon([(0, height), *upper, (width, height)], fill=scene.fields[1])
    row = 0
    while y < height + 2 * amplitude + 60:
        y += band
        band *= 1.09
        # Terraces wander from one contour to the next; tea rows stay nearly parallel.
        phase += rng.uniform(-0.06, 0.06) if tea else rng.uniform(-0.25, 0.25)
        ripple = 0.0 if tea else min(band * 0.6, ripple + rng.uniform(0, 3))
        lower = _curve(width, y, amplitude, frequency=frequency, phase=phase, tilt=tilt, ripple=ripple)
        colour = _jitter(rng, scene.fields[row % 2], 10)
        draw.polygon([*upper, *reversed(lower)], fill=colour)
        edge = _mix(colour, (30, 40, 20), 0.55 if tea else 0.35)
        draw.line(lower, fill=edge, width=max(2, int(band * (0.35 if tea else 0.12))))
        upper = lower
        row += 1


def _paint_valley(draw, rng, scene, top):
    """Flat fields in a valley with a few houses standing at their edge."""
    width, height = PHOTO_SIZE
    y = float(top)
    band = rng.uniform(18, 26)
    row = 0
    while y < height:
        upper = _curve(width, y, 6, frequency=0.003, phase=row, tilt=0)
        lower = _curve(width, y + band, 6, frequency=0.003, phase=row + 1, tilt=0)
        draw.polygon([*upper, *reversed(lower)], fill=_jitter(rng, scene.fields[row % 2], 8))
        y += band
        band *= 1.15
        row += 1
    for _ in range(rng.randint(3, 7)):
        x = rng.uniform(40, width - 80)
        base = top + rng.uniform(10, 60)
        size = rng.uniform(22, 40)
        draw.rectangle((x, base - size * 0.6, x + size, base), fill=_jitter(rng, (196, 170, 130), 12))
        draw.polygon(
            [
                (x - size * 0.15, base - size * 0.6),
                (x + size / 2, base - size * 1.15),
                (x + size * 1.15, base - size * 0.6),
            ],
            fill=_jitter(rng, (92, 60, 44), 10),
        )


# ---------------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    username: str
    role: str
    password: str


@dataclass(frozen=True)
class DemoSummary:
    sections: int
    authors: int
    articles: int
    public: int
    drafts: int
    scheduled: int
    photos: int
    accounts: tuple


def load_demo(*, now=None):
    """Create or update the whole demo paper; returns what was loaded and each account's new password."""
    now = now or timezone.now()
    with transaction.atomic():
        sections = _load_sections()
        credentials, users = _load_accounts()
        authors = _load_authors(users=users)
        tags = _load_tags()
        photos = _load_photos()
        articles = _load_articles(
            now=now, sections=sections, authors=authors, tags=tags, photos=photos, users=users
        )
        _link_related(articles=articles, now=now)
    return DemoSummary(
        sections=len(sections),
        authors=len(authors),
        articles=len(articles),
        public=sum(_is_public(article, now) for article in articles.values()),
        drafts=sum(article.status == Article.Status.DRAFT for article in articles.values()),
        scheduled=sum(
            article.status == Article.Status.SCHEDULED and not _is_public(article, now)
            for article in articles.values()
        ),
        photos=len({photo.pk for variants in photos.values() for photo in variants}),
        accounts=tuple(credentials),
    )


def external_id(index):
    return f"demo-{index + 1:03d}"


def _is_public(article, now):
    return article.status in Article.LIVE_STATUSES and article.published_at <= now


def _load_sections():
    sections = {}
    for position, spec in enumerate(SECTIONS, start=1):
        section = (
            Section.objects.filter(slug=spec.slug).first() or Section.objects.filter(name=spec.name).first()
        )
        section = section or Section()
        section.slug, section.name, section.description = spec.slug, spec.name, spec.description
        section.position, section.is_active = position, True
        section.save()
        sections[spec.slug] = section
    return sections


def _load_accounts():
    User = get_user_model()
    credentials, users = [], {}
    for spec in ACCOUNTS:
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@baolaichau.example"
        user.is_staff, user.is_active, user.is_superuser = True, True, spec.is_superuser
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        if not spec.is_superuser:
            group = Group.objects.filter(name=spec.role).first()
            if group is None:
                raise LookupError(f"Group {spec.role!r} not found: run `manage.py migrate` first.")
            user.groups.set([group])
        credentials.append(Credentials(spec.username, spec.role, password))
        users[spec.username] = user
    return credentials, users


def _load_authors(*, users):
    authors = {}
    for spec in AUTHORS:
        author = Author.objects.filter(name=spec.name).order_by("pk").first() or Author(name=spec.name)
        author.bio = spec.bio
        user = users.get(spec.username)
        # A user may already write under another byline; the demo does not take it away.
        if user is not None and not Author.objects.filter(user=user).exclude(pk=author.pk).exists():
            author.user = user
        author.save()
        authors[spec.name] = author
    return authors


def _load_tags():
    names = sorted({name for story in STORIES for name in story.tags})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name] = Tag.objects.create(name=name)
    return existing


def _load_photos():
    """Paint every scene's variants once; a photo whose bytes are already stored is reused by checksum."""
    photos = {}
    for slug, scene in SCENES.items():
        photos[slug] = [
            _store_photo(
                data=paint_landscape(scene=scene, seed=f"{slug}-{variant}"),
                name=f"lai-chau-{slug}-{variant}.jpg",
                scene=scene,
            )
            for variant in range(1, PHOTOS_PER_SCENE + 1)
        ]
    return photos


def _store_photo(*, data, name, scene):
    checksum = hashlib.sha256(data).hexdigest()
    photo = Photo.objects.filter(checksum=checksum).order_by("pk").first()
    if photo is None:
        photo = Photo(checksum=checksum)
    photo.caption, photo.alt_text, photo.credit = scene.caption, scene.alt, ""
    # The row can outlive its file (a wiped MEDIA_ROOT); store the bytes again in that case.
    if not photo.image or not photo.image.storage.exists(photo.image.name):
        photo.image.save(name, ContentFile(data, name=name), save=False)
    photo.save()
    return photo


def _load_articles(*, now, sections, authors, tags, photos, users):
    articles = {}
    section_counts = {}
    for index, story in enumerate(STORIES):
        rng = random.Random(external_id(index))
        context = _story_context(story, rng)
        nth_in_section = section_counts.get(story.section, 0)
        section_counts[story.section] = nth_in_section + 1
        byline = _byline(story, nth_in_section)
        pool = [photo for scene in TOPICS[story.topic].scenes for photo in photos[scene]]
        cover, *body_photos = (pool[(index + k) % len(pool)] for k in range(1 + 1 + index % 2))

        article = Article.objects.filter(external_id=external_id(index)).first() or Article(
            external_id=external_id(index)
        )
        article.title = story.title
        article.slug = slugify_vi(story.title)
        article.lead = story.lead
        article.body = _compose_body(story, context, rng, photo_count=len(body_photos))
        article.section = sections[story.section]
        article.cover_photo = cover
        article.status, article.published_at = _publication(story, now=now, rng=rng)
        # Drafts and scheduled stories belong to the reporter, so the desk has something to show.
        article.created_by = (
            users["phongvien"] if article.status != Article.Status.PUBLISHED else users["bientap"]
        )
        article.save()

        article.tags.set([tags[name] for name in story.tags])
        article.article_authors.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[name], position=position)
            for position, name in enumerate(byline, start=1)
        )
        article.body_photos.all().delete()
        captions = TOPICS[story.topic].captions
        credits = [byline[0], PHOTOGRAPHER if PHOTOGRAPHER != byline[0] else byline[-1]]
        ArticlePhoto.objects.bulk_create(
            ArticlePhoto(
                article=article,
                photo=photo,
                position=position,
                caption=captions[(index + position) % len(captions)].format_map(context),
                credit=credits[position - 1],
            )
            for position, photo in enumerate(body_photos, start=1)
        )
        articles[index] = article
    return articles


def _byline(story, nth_in_section):
    desk = DESKS[story.section]
    first = desk[nth_in_section % len(desk)]
    if nth_in_section % 3 == 2:
        return [first, desk[(nth_in_section + 1) % len(desk)]]
    return [first]


def _publication(story, *, now, rng):
    if story.days_ago is DRAFT:
        return Article.Status.DRAFT, None
    local = timezone.localtime(now, VIETNAM)
    status = Article.Status.SCHEDULED if story.days_ago < 0 else Article.Status.PUBLISHED
    if story.days_ago < 0:
        moment = (local - timedelta(days=story.days_ago)).replace(hour=7, minute=0, second=0, microsecond=0)
    else:
        # A calendar day before today, so the time of day can never land in the future.
        moment = (local - timedelta(days=story.days_ago)).replace(
            hour=rng.randint(6, 21), minute=rng.randrange(0, 60, 5), second=0, microsecond=0
        )
    return status, moment


def _vn_number(value):
    """12500 -> "12.500": Vietnamese groups thousands with dots."""
    return f"{value:,}".replace(",", ".")


def _story_context(story, rng):
    numbers = {
        "so_ho": rng.randint(4, 40) * 10,
        "dien_tich": rng.randint(30, 300) * 10,
        "dien_tich_m2": rng.randint(20, 150) * 100,
        "ty_dong": rng.randint(3, 60),
        "ty_le": rng.randint(92, 99),
        "so_hs": rng.randint(18, 65) * 10,
        "so_nguoi": rng.randint(40, 300) * 10,
        "luot_khach": rng.randint(20, 150) * 1000,
        "km": rng.randint(12, 45),
        "so_clb": rng.randint(40, 150),
        "ty_le_tt": rng.randint(28, 38),
    }
    numbers.update(story.facts)
    context = {key: _vn_number(value) if isinstance(value, int) else value for key, value in numbers.items()}
    context.update(huyen=story.huyen, xa=story.xa, ban=story.ban)
    context.setdefault("don", story.xa)
    return context


def _compose_body(story, context, rng, *, photo_count):
    """The story's own paragraphs, 2–4 from its topic, one quote and a closing one: 4–8 <p>, with figures."""
    topic = TOPICS[story.topic]
    middles = rng.sample(topic.middles, k=rng.randint(2, min(4, 6 - len(story.details))))
    quote = topic.quotes[story.quote] if story.quote is not None else rng.choice(topic.quotes)
    honorific, name = rng.choice(PEOPLE[quote.people])
    role = rng.choice(quote.roles).format_map(context)
    # "Ông A, Chủ tịch UBND xã B, cho biết": the role sits between commas.
    person = f"{honorific} {name}, {role}," if role else f"{honorific} {name}"
    paragraphs = [
        *story.details,
        *middles,
        quote.text.replace("{nguoi}", person),
        rng.choice(topic.closers),
    ]
    html = [f"<p>{escape(_sentence_case(text.format_map(context)))}</p>" for text in paragraphs]
    html.insert(1, "<p>[ảnh 1]</p>")
    if photo_count > 1:
        html.insert(len(html) - 2, "<p>[ảnh 2]</p>")
    return "\n".join(html)


def _sentence_case(text):
    return text[:1].upper() + text[1:]


def _link_related(*, articles, now):
    """Up to three earlier public stories per article, same topic first, from its section or a neighbour."""
    order = [spec.slug for spec in SECTIONS]
    public = {index: article for index, article in articles.items() if _is_public(article, now)}
    RelatedArticle.objects.filter(from_article__in=articles.values()).delete()
    links = []
    for index, article in articles.items():
        story = STORIES[index]
        here = order.index(story.section)
        neighbours = set(order[max(0, here - 1) : here + 2])
        wanted = (index * 7) % 4
        published_at = article.published_at or now
        candidates = [
            (
                STORIES[other].topic != story.topic,
                STORIES[other].section != story.section,
                -candidate.published_at.timestamp(),
                other,
            )
            for other, candidate in public.items()
            if other != index
            and STORIES[other].section in neighbours
            and candidate.published_at < published_at
        ]
        for position, (*_, other) in enumerate(sorted(candidates)[:wanted], start=1):
            links.append(RelatedArticle(from_article=article, to_article=public[other], position=position))
    RelatedArticle.objects.bulk_create(links)
