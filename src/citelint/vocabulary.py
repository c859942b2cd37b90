"""The words and codes citations are made of: the data the grammar's vocabulary is generated from.

Everything here is written in the canonical spelling that :mod:`citelint.text.normalize` produces
(NFC, Đ not Ð, the older tone placement "khóa", "ủy", "hóa").  Sources: Hướng dẫn 36-HD/VPTW
(Party type and issuer codes), Nghị định 30/2020/NĐ-CP Phụ lục III (State abbreviations), and
the forms seen in published articles (see the project's domain notes).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    """A kind of document: its canonical name, the words that name it and the codes it takes."""

    name: str
    words: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    # Codes are shared between types ("QĐ" is Quyết định and Quy định; "TT" is Thông tư and
    # Thông tri): the word in the text is what tells them apart.
    # Whether "TYPE NUMBER" without "số" cites a document.  The press writes "Nghị định 108",
    # "Đề án 06"; but "Phương án 1" is an option, "Dự án 3" a project.
    bare_short: bool = True
    # Whether "type number" in lower case without "số" cites one too.  The press writes
    # "theo nghị định 45 của Chính phủ", "thông tư 95 mới ban hành"; but "kế hoạch 5" is prose.
    lower_short: bool = False


DOC_TYPES: tuple[DocType, ...] = (
    DocType("Nghị quyết", ("Nghị quyết",), ("NQ",), lower_short=True),
    DocType("Nghị quyết liên tịch", ("Nghị quyết liên tịch",), ("NQLT",)),
    DocType("Quyết định", ("Quyết định",), ("QĐ", "QĐNS"), lower_short=True),  # QĐNS: a Party decision on personnel
    DocType("Quy định", ("Quy định",), ("QĐ", "QĐi", "QyĐ")),
    DocType("Chỉ thị", ("Chỉ thị",), ("CT",), lower_short=True),
    DocType("Kết luận", ("Kết luận", "Thông báo kết luận"), ("KL",)),
    DocType("Hướng dẫn", ("Hướng dẫn",), ("HD",)),
    DocType("Thông báo", ("Thông báo",), ("TB",)),
    DocType("Chương trình", ("Chương trình hành động", "Chương trình"), ("CTr", "Ctr")),
    DocType("Đề án", ("Đề án",), ("ĐA",)),
    DocType("Dự án", ("Dự án",), ("DA",), bare_short=False),
    DocType("Phương án", ("Phương án",), ("PA",), bare_short=False),
    DocType("Kế hoạch", ("Kế hoạch",), ("KH",)),
    DocType("Công văn", ("Công văn",), ("CV",), bare_short=False),
    DocType("Công điện", ("Công điện",), ("CĐ",), bare_short=False),
    DocType("Bản sao", ("Bản sao",), ("BS",), bare_short=False),
    DocType("Quy chế", ("Quy chế",), ("QC",)),
    DocType("Thông tri", ("Thông tri",), ("TT",)),
    DocType("Báo cáo", ("Báo cáo",), ("BC",), bare_short=False),
    DocType("Tờ trình", ("Tờ trình",), ("TTr",), bare_short=False),
    DocType("Biên bản", ("Biên bản",), ("BB",), bare_short=False),
    DocType("Thông cáo", ("Thông cáo",), ("TC",), bare_short=False),
    DocType("Nghị định", ("Nghị định",), ("NĐ",), lower_short=True),
    DocType("Thông tư liên tịch", ("Thông tư liên tịch",), ("TTLT",)),
    DocType("Thông tư", ("Thông tư",), ("TT",), lower_short=True),
    DocType("Luật", ("Luật", "Bộ luật", "Bộ Luật"), (), bare_short=False),
    DocType("Pháp lệnh", ("Pháp lệnh",), ("PL",)),
    DocType("Lệnh", ("Lệnh",), ("L",), bare_short=False),
    DocType("Sắc lệnh", ("Sắc lệnh",), ("SL",)),
    # "Văn bản số 123/UBND-KT": a generic word for any document; it names no type.
    DocType("Văn bản", ("Văn bản",), (), bare_short=False),
)

TYPE_BY_NAME: dict[str, DocType] = {t.name: t for t in DOC_TYPES}

#: Type codes the press writes for the type word before a number ("theo NĐ 118", "QĐ 217",
#: "NĐ 61/CP").  Not "TT" and "CT": "TT số 101" is as often a centre (trung tâm) or a town, "CT"
#: a company.  "QĐ" is read as Quyết định, the type it abbreviates in the press.
TYPE_ABBREVIATIONS: dict[str, str] = {"NĐ": "Nghị định", "NQ": "Nghị quyết", "QĐ": "Quyết định", "TTLT": "Thông tư liên tịch"}

#: Non-canonical spellings of type codes seen in real text, and the canonical code.
TYPE_CODE_VARIANTS: dict[str, str] = {"Ctr": "CTr"}

#: Every type code the grammar accepts (canonical and variant spellings).
TYPE_CODES: tuple[str, ...] = tuple(
    sorted({c for t in DOC_TYPES for c in t.codes} | set(TYPE_CODE_VARIANTS), key=lambda c: (-len(c), c))
)


_TYPES_BY_CODE: dict[str, tuple[str, ...]] = {
    code: tuple(t.name for t in DOC_TYPES if code in t.codes) for t in DOC_TYPES for code in t.codes
}


def canonical_type_code(code: str) -> str:
    return TYPE_CODE_VARIANTS.get(code, code)


def types_for_code(code: str) -> tuple[str, ...]:
    """Type names a code can stand for: ("Quyết định", "Quy định") for "QĐ"."""
    return _TYPES_BY_CODE.get(canonical_type_code(code), ())


def type_name_for_word(word: str) -> str:
    """The canonical type name for a type word as matched in the text (any case, any spacing)."""
    key = fold(word)
    return _TYPE_BY_WORD_KEY[key]


# --- Issuing bodies, as they are named after "của" -----------------------------------------

#: Names of Party and State bodies.  A place name may follow the local ones
#: ("Thành ủy Hà Nội", "Ủy ban nhân dân tỉnh Nghệ An").  Longest first in the grammar.
BODY_NAMES: tuple[str, ...] = (
    # Party, central
    "Ban Chấp hành Trung ương Đảng",
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành TW",
    "BCH Trung ương Đảng",
    "BCH Trung ương",
    "BCH TW",
    "BCHTW",
    "Bộ Chính trị",
    "Ban Bí thư Trung ương Đảng",
    "Ban Bí thư Trung ương",
    "Ban Bí thư",
    "Văn phòng Trung ương Đảng",
    "Văn phòng Trung ương",
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo và Dân vận Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Ban Dân vận Trung ương",
    "Ban Kinh tế Trung ương",
    "Ban Nội chính Trung ương",
    "Ban Đối ngoại Trung ương",
    "Ban Chính sách, chiến lược Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Quân ủy Trung ương",
    "Đảng ủy Công an Trung ương",
    "Trung ương Đảng",
    "Trung ương",
    "Đảng",
    # Party, local: a place name may follow
    "Ban Thường vụ Thành ủy",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ Huyện ủy",
    "Ban Thường vụ Quận ủy",
    "Ban Thường vụ Thị ủy",
    "Ban Thường vụ Đảng ủy",
    "Ban Chấp hành Đảng bộ",
    "Ủy ban Kiểm tra Thành ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Tổ chức Thành ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Thành ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Thành ủy",
    "Ban Dân vận Tỉnh ủy",
    "Văn phòng Thành ủy",
    "Văn phòng Tỉnh ủy",
    "Thường trực Thành ủy",
    "Thường trực Tỉnh ủy",
    "Thành ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Đảng ủy Khối",
    "Đảng ủy",
    "Đảng bộ",
    # State
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Hội đồng Bộ trưởng",
    "Chủ tịch Hội đồng Bộ trưởng",
    "Hội đồng Nhà nước",
    "Thủ tướng",
    "Phó Thủ tướng Chính phủ",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "UBTVQH",
    "Chủ tịch nước",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước",
    "Ngân hàng Nhà nước Việt Nam",
    "Ngân hàng Nhà nước",
    "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
    "Ủy ban Dân tộc",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Bộ Công an",
    "Bộ Quốc phòng",
    "Bộ Ngoại giao",
    "Bộ Y tế",
    "Bộ Xây dựng",
    "Bộ Giao thông vận tải",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Thông tin và Truyền thông",
    "Bộ Khoa học và Công nghệ",
    "Bộ Dân tộc và Tôn giáo",
    "Ủy ban nhân dân",
    "UBND",
    "Hội đồng nhân dân",
    "HĐND",
)

#: Words between a local body's name and its place name: "Ủy ban nhân dân thành phố Hà Nội".
PLACE_LEVEL_WORDS: tuple[str, ...] = (
    "thành phố",
    "tỉnh",
    "huyện",
    "quận",
    "thị xã",
    "thị trấn",
    "xã",
    "phường",
    "TP.",
    "TP",
)

# --- Issuer codes in symbols ----------------------------------------------------------------

#: Spellings of an issuer code that are not canonical, and the canonical code.  "TƯ" and
#: "T.Ư" are the press's way of writing the Central Committee's "TW"; "TU" is a provincial
#: committee and is NOT a spelling of TW.
ISSUER_CODE_VARIANTS: dict[str, str] = {"TƯ": "TW", "T.Ư": "TW", "T.W": "TW"}

_PARTY_ISSUER_RE = re.compile(r"^(?:[A-ZĐ]*(?:TW|TU|HU|QU|ThU)|[A-ZĐ]*ĐU[A-ZĐ]*|BCS[A-ZĐ]*)$")


def canonical_issuer_code(code: str) -> str:
    """Canonical spelling of an issuer code: "TƯ", "T.Ư" → "TW", "UBKTTƯ" → "UBKTTW"."""
    code = re.sub(r"\s+", "", code)
    if re.fullmatch(r"[HQT]\.U", code):  # "H.U": Huyện ủy, dotted as the press writes T.Ư
        return code.replace(".", "")
    if code in ISSUER_CODE_VARIANTS:
        return ISSUER_CODE_VARIANTS[code]
    if code.endswith("TƯ"):
        return code[:-2] + "TW"
    return code


#: Issuers of old State symbols written NUMBER-ISSUER (before 1993): the Council of Ministers
#: (385-HĐBT), the Government (73-CP, 61/CP), the Prime Minister (477-TTg), the Council of State
#: (21-LCT/HĐNN8).  Such a symbol is a citation without a type word in front of it too.
OLD_STATE_ISSUERS = frozenset({"HĐBT", "HĐCP", "CP", "TTg", "HĐNN", "HĐNN7", "HĐNN8"})

#: Codes that stand where a State symbol has its type code but name a body in older symbols: TC
#: is Thông cáo, and in the Ministry of Finance's symbols of the 1980s–90s the ministry itself
#: ("43/TC-QLCS", "27/1997/TC-VT", "999-TC/QĐ/CĐKT").  No type word contradicts them.
STATE_UNIT_CODES = frozenset({"TC"})

#: Names of laws, codes and ordinances (from the titles in the state's legal codification, the Bộ
#: Pháp điển, phapdien.moj.gov.vn): a name after "Luật", "Bộ luật" or "Pháp lệnh" that the text
#: writes in lower case ("Luật thương mại") is read when it is one of these; a capitalised name
#: is read whether listed or not, and ends before a word such as "ở", "của", "và" unless it is
#: one of these.  Besides the codification's titles: the laws that its amending laws' titles
#: name ("Luật Đầu tư, Luật Nhà ở, Luật Đấu thầu"), and common laws in force that neither
#: names (Luật Xây dựng, Luật Đất đai, Bộ luật Lao động...) or replaced ones the press of its time
#: cites (Luật Đầu tư nước ngoài tại Việt Nam).
LAW_NAMES: tuple[str, ...] = (
    "An ninh mạng",
    "An ninh Quốc gia",
    "An toàn thông tin mạng",
    "An toàn thực phẩm",
    "An toàn, vệ sinh lao động",
    "Ban hành văn bản quy phạm pháp luật",
    "Báo chí",
    "Bảo hiểm tiền gửi",
    "Bảo hiểm xã hội",
    "Bảo hiểm y tế",
    "Bảo vệ bí mật nhà nước",
    "Bảo vệ công trình quan trọng liên quan đến an ninh quốc gia",
    "Bảo vệ môi trường",
    "Bảo vệ quyền lợi người tiêu dùng",
    "Bảo vệ sức khoẻ nhân dân",
    "Bảo vệ và phát triển rừng",
    "Bình đẳng giới",
    "Biên giới quốc gia",
    "Biên phòng Việt Nam",
    "Biển Việt Nam",
    "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
    "Bưu chính",
    "Các công cụ chuyển nhượng",
    "Các tổ chức tín dụng",
    "Cán bộ, công chức",
    "Cảnh sát biển Việt Nam",
    "Cảnh sát cơ động",
    "Cảnh sát môi trường",
    "Cạnh tranh",
    "Cảnh vệ",
    "Chuyển giao công nghệ",
    "Chất lượng sản phẩm, hàng hoá",
    "Chăn nuôi",
    "Chứng khoán",
    "Công an nhân dân",
    "Công an xã",
    "Công chứng",
    "Công nghiệp quốc phòng",
    "Công nghệ cao",
    "Công nghệ thông tin",
    "Công đoàn",
    "Căn cước công dân",
    "Căn cước",
    "Cơ quan đại diện nước Cộng hòa xã hội chủ nghĩa Việt Nam ở nước ngoài",
    "Cơ yếu",
    "Cư trú",
    "Cựu chiến binh",
    "Di sản văn hoá",
    "Doanh nghiệp",
    "Du lịch",
    "Dân quân tự vệ",
    "Dân số",
    "Dân sự",
    "Dầu khí",
    "Dự trữ quốc gia",
    "Dược",
    "Giám định tư pháp",
    "Giao dịch điện tử",
    "Giáo dục nghề nghiệp",
    "Giáo dục quốc phòng và an ninh",
    "Giáo dục đại học",
    "Giáo dục",
    "Giao thông đường bộ",
    "Giao thông đường thủy nội địa",
    "Giá",
    "Hải quan",
    "Hàng hải",
    "Hàng không dân dụng Việt Nam",
    "Hình sự",
    "Hiến, lấy, ghép mô, bộ phận cơ thể người và hiến, lấy xác",
    "Hóa chất",
    "Hòa giải ở cơ sở",
    "Hòa giải, đối thoại tại Tòa án",
    "Hoạt động chữ thập đỏ",
    "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
    "Hộ tịch",
    "Hỗ trợ doanh nghiệp nhỏ và vừa",
    "Hôn nhân và gia đình",
    "Hợp nhất văn bản quy phạm pháp luật",
    "Hợp tác xã",
    "Khám bệnh, chữa bệnh",
    "Khí tượng thủy văn",
    "Khiếu nại",
    "Khoa học và công nghệ",
    "Khoáng sản",
    "Kinh doanh bảo hiểm",
    "Kinh doanh bất động sản",
    "Kiểm toán nhà nước",
    "Kiểm toán độc lập",
    "Kiến trúc",
    "Kế toán",
    "Lao động",
    "Lý lịch tư pháp",
    "Lâm nghiệp",
    "Lực lượng dự bị động viên",
    "Lưu trữ",
    "Mặt trận Tổ quốc Việt Nam",
    "Nghĩa vụ quân sự",
    "Ngoại hối",
    "Ngân hàng Nhà nước Việt Nam",
    "Ngân sách nhà nước",
    "Người cao tuổi",
    "Người khuyết tật",
    "Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
    "Người Việt Nam ở nước ngoài",
    "Nhà ở",
    "Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam",
    "Nuôi con nuôi",
    "Năng lượng nguyên tử",
    "Phá sản",
    "Pháp điển hệ thống quy phạm pháp luật",
    "Phí và lệ phí",
    "Phòng cháy và chữa cháy",
    "Phòng, chống bạo lực gia đình",
    "Phòng, chống bệnh truyền nhiễm",
    "Phòng, chống khủng bố",
    "Phòng, chống ma túy",
    "Phòng, chống mại dâm",
    "Phòng, chống mua bán người",
    "Phòng, chống rửa tiền",
    "Phòng, chống tác hại của rượu, bia",
    "Phòng, chống tác hại của thuốc lá",
    "Phòng, chống tham nhũng",
    "Phòng, chống thiên tai",
    "Phổ biến, giáo dục pháp luật",
    "Quản lý ngoại thương",
    "Quản lý nợ công",
    "Quản lý thị trường",
    "Quản lý thuế",
    "Quản lý, sử dụng tài sản công",
    "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp",
    "Quảng cáo",
    "Quy hoạch đô thị",
    "Quy hoạch",
    "Quân nhân chuyên nghiệp, công nhân và viên chức quốc phòng",
    "Quốc phòng",
    "Quốc tịch Việt Nam",
    "Sĩ quan quân đội nhân dân Việt Nam",
    "Sở hữu trí tuệ",
    "Sử dụng năng lượng tiết kiệm và hiệu quả",
    "Tài nguyên nước",
    "Tài nguyên, môi trường biển và hải đảo",
    "Thanh niên",
    "Thanh tra",
    "Thi hành án dân sự",
    "Thi hành án hình sự",
    "Thi hành tạm giữ, tạm giam",
    "Thi đua, khen thưởng",
    "Thỏa thuận quốc tế",
    "Thủ tục bắt giữ tàu bay",
    "Thủ tục bắt giữ tàu biển",
    "Thú y",
    "Thủ đô",
    "Thủy lợi",
    "Thủy sản",
    "Thuế bảo vệ môi trường",
    "Thuế giá trị gia tăng",
    "Thuế sử dụng đất nông nghiệp",
    "Thuế sử dụng đất phi nông nghiệp",
    "Thuế tài nguyên",
    "Thuế thu nhập cá nhân",
    "Thuế thu nhập doanh nghiệp",
    "Thuế tiêu thụ đặc biệt",
    "Thuế xuất khẩu, thuế nhập khẩu",
    "Thể dục, thể thao",
    "Thống kê",
    "Thư viện",
    "Thực hành tiết kiệm, chống lãng phí",
    "Thực hiện dân chủ ở cơ sở",
    "Thương mại",
    "Tín ngưỡng, tôn giáo",
    "Tình trạng khẩn cấp",
    "Tiếp cận thông tin",
    "Tiếp công dân",
    "Tiêu chuẩn và quy chuẩn kỹ thuật",
    "Trách nhiệm bồi thường của nhà nước",
    "Trẻ em",
    "Trọng tài thương mại",
    "Trồng trọt",
    "Trợ giúp pháp lý",
    "Trưng cầu ý dân",
    "Trưng mua, trưng dụng tài sản",
    "Tần số vô tuyến điện",
    "Tố cáo",
    "Tổ chức Chính phủ",
    "Tổ chức chính quyền địa phương",
    "Tổ chức Quốc hội",
    "Tổ chức Tòa án nhân dân",
    "Tổ chức Viện kiểm sát nhân dân",
    "Tố tụng dân sự",
    "Tố tụng hành chính",
    "Tố tụng hình sự",
    "Tương trợ tư pháp",
    "Việc làm",
    "Viên chức",
    "Viễn thông",
    "Xuất bản",
    "Xuất cảnh, nhập cảnh của công dân Việt Nam",
    "Xây dựng",
    "Xử lý vi phạm hành chính",
    "Đa dạng sinh học",
    "Điện ảnh",
    "Điện lực",
    "Điều ước quốc tế",
    "Đo lường",
    "Đo đạc và bản đồ",
    "Đất đai",
    "Đấu giá tài sản",
    "Đấu thầu",
    "Đầu tư công",
    "Đầu tư theo phương thức đối tác công tư",
    "Đầu tư",
    "Đê điều",
    "Động viên công nghiệp",
    "Đặc xá",
    "Đường sắt",
    "Ưu đãi người có công với cách mạng",
    "Đầu tư nước ngoài tại Việt Nam",
    "Khuyến khích đầu tư trong nước",
    "Ký kết, gia nhập và thực hiện điều ước quốc tế",
    "Doanh nghiệp nhà nước",
)


#: Codes of the orders that promulgate a law or an ordinance (18-L/CTN, 21-LCT/HĐNN8): a law is
#: cited by them, so "Luật số 21-LCT/HĐNN8" is no contradiction of type word and code.
LAW_PROMULGATION_CODES = frozenset({"L", "LCT"})

#: Joint documents and the type they are one of: the press calls a joint circular (TTLT) a
#: circular ("Thông tư số 55/2015/TTLT-BTC-BKHCN").
JOINT_CODES = {"TTLT": "Thông tư", "NQLT": "Nghị quyết"}

#: Codes of local Party committees: a province's or city's (TU, ThU), a district's (HU, QU), a
#: party committee of a bloc or an agency (ĐU, ĐUK).  Every place's committee writes the same code,
#: so which one a citation means depends on the place it names, or the article's jurisdiction.
LOCAL_PARTY_CODES = frozenset({"TU", "HU", "QU", "ThU", "ĐU", "ĐUK"})


def is_party_issuer(code: str) -> bool:
    """Whether a canonical issuer code belongs to a Party body (TW, TU, HU, ĐUK, UBKTTU...)."""
    return bool(_PARTY_ISSUER_RE.match(code))


#: The Party's own organs, as their codes begin before the committee's (VPTW, UBKTTU, BTCTW):
#: a State steering committee's code may end in TW too ("109/QĐ-BCĐCLNTW").
_PARTY_ORGAN_RE = re.compile(r"^(?:VP|UBKT|BTC|BTG|BTGDV|BDV|BNC|BKT|BĐN)?(?:TW|TU|HU|QU|ThU)$|^ĐU[A-ZĐ]*$|^BCS[A-ZĐ]*$")


def is_party_organ(code: str) -> bool:
    """Whether a canonical issuer code is surely a Party body's, whatever the separators around
    it: a committee's or one of its organs' (not any code that ends in TW)."""
    return bool(_PARTY_ORGAN_RE.match(code))


# --- Numbers -------------------------------------------------------------------------------

ORDINAL_WORDS: dict[str, int] = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "mười ba": 13,
    "mười bốn": 14,
    "mười lăm": 15,
    "mười năm": 15,
    "mười sáu": 16,
    "mười bảy": 17,
    "mười tám": 18,
    "mười chín": 19,
    "hai mươi": 20,
}

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int | None:
    """Value of a well-formed Roman numeral (I..CCCXCIX), else None."""
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN_VALUES[c]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if total > 0 and int_to_roman(total) == text else None


def int_to_roman(n: int) -> str:
    out = []
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


# --- Comparing words -----------------------------------------------------------------------

_TONE_COMBINING = "\u0300\u0301\u0303\u0309\u0323"


def _older_to_newer_tones() -> dict[str, str]:
    """{"óa": "oá", "ủy": "uỷ", "ÓA": "OÁ", ...}: the two valid placements of a word-final tone."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONE_COMBINING:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                older = unicodedata.normalize("NFC", f + tone) + s
                newer = f + unicodedata.normalize("NFC", s + tone)
                table[older] = newer
    return table


_OLDER_TO_NEWER = _older_to_newer_tones()
OLDER_TO_NEWER = _OLDER_TO_NEWER  # {"óa": "oá", "ủy": "uỷ", ...}


def tone_variants(word: str) -> tuple[str, ...]:
    """The spellings of ``word`` under both tone-placement conventions ("khóa", "khoá").

    Only a word-final "oa", "oe", "uy" varies (never the "uy" of "quy": the u belongs to qu).
    Punctuation after the word ("hóa,") is kept as it is."""
    stem = word.rstrip(",.;:")
    tail = word[len(stem) :]
    if len(stem) >= 2 and stem[-2:] in _OLDER_TO_NEWER and not (stem[-2:].lower().startswith("u") and stem[-3:-2].lower() == "q"):
        return (word, stem[:-2] + _OLDER_TO_NEWER[stem[-2:]] + tail)
    return (word,)



def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by "-", for registry ids: "30/2020/NĐ-CP" → "30-2020-nd-cp"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def fold(text: str) -> str:
    """A comparison key: lower case, tone placement and spacing ignored, Đ kept distinct from D.

    "Nghị  Quyết", "nghị quyết" fold alike; so do "khoá" and "khóa", "uỷ" and "ủy"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Ð", "Đ").replace("ð", "đ").lower())
    # Lift the tone marks out (keep the vowel-shape marks: ă â ê ô ơ ư are letters of their own)
    # and append them in order, so that tone placement does not matter but the tones do.
    tones = "".join(c for c in decomposed if c in _TONE_MARKS)
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return " ".join(unicodedata.normalize("NFC", base).split()) + ("|" + tones if tones else "")


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_LAW_NAME_BY_KEY: dict[str, str] = {fold(n): n for n in LAW_NAMES}


def canonical_law_name(type_name: str, name: str | None) -> str:
    """A law's, code's or ordinance's name as its title spells it: "luật đất đai" → "Luật Đất
    đai", "Bộ Luật lao động" → "Bộ luật Lao động"; a name not listed keeps its spelling, its
    first letter a capital.  Without a name: "Hiến pháp", "Điều lệ Đảng", "Cương lĩnh chính trị"."""
    if name is None:
        return {"Điều lệ": "Điều lệ Đảng", "Cương lĩnh": "Cương lĩnh chính trị"}.get(type_name, type_name)
    listed = _LAW_NAME_BY_KEY.get(fold(name))
    if listed is None:
        listed = " ".join(name.split())
        listed = listed[:1].upper() + listed[1:]
    return f"{type_name} {listed}"

_TYPE_BY_WORD_KEY: dict[str, str] = {
    **{fold(w): t.name for t in DOC_TYPES for w in t.words},
    **{fold(a): name for a, name in TYPE_ABBREVIATIONS.items()},
}

#: Uppercase letters of the Vietnamese alphabet (for place names and proper names).
VIETNAMESE_UPPER: str = "".join(
    sorted(
        {
            unicodedata.normalize("NFC", base + tone).upper()
            for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
            for tone in ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
        }
        | set("BCDĐGHKLMNPQRSTVXFJWZ")
    )
)
