"""The texts of the working groups' reports (tổ công tác), Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label (keys ``group.*`` and the report's title,
used by :mod:`ketnap.groups`, ``notebooks/group.ipynb``, the city overview, the index and the
navigation). They live in a file of their own only to keep ``labels.py`` under the 1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    "report.group.title": ("Kết quả kết nạp đảng viên theo tổ công tác", "Party admissions by working group"),
    "group.title_of": ("Kết quả kết nạp đảng viên: {name}", "Party admissions: {name}"),
    "group.lead": (
        "{name} của Ban Thường vụ {body_committee}, do đồng chí {head} làm tổ trưởng, phụ trách {count} tổ chức "
        "cơ sở đảng.",
        "{name} of the Standing Board, headed by the {head}, follows {count} grassroots organisations.",
    ),
    "group.head": ("Tổ trưởng", "Head"),
    "group.section.ranked": (
        "Các tổ chức của tổ, xếp theo tỷ lệ đạt chỉ tiêu",
        "The group's organisations, ranked by attainment",
    ),
    "group.ranked_note": (
        "Tổ chức chưa được giao chỉ tiêu hoặc chưa gửi báo cáo không xếp hạng, đứng cuối bảng.",
        "Organisations without a target, or whose return is missing, are not ranked and come last.",
    ),
    "group.column.rank": ("Hạng", "Rank"),
    "group.behind_none": (
        "Không có tổ chức nào của tổ chưa đạt tiến độ.",
        "No organisation of the group is behind pace.",
    ),
    "group.behind_none_year": (
        "Mọi tổ chức của tổ được giao chỉ tiêu đều đạt chỉ tiêu.",
        "Every organisation of the group with a target met it.",
    ),
    "group.behind_none_year_quarter": (
        "Mọi tổ chức của tổ được giao chỉ tiêu đều đạt chỉ tiêu quý.",
        "Every organisation of the group with a target met its quarterly target.",
    ),
    "group.section.missing": (
        "Tổ chức của tổ chưa báo cáo {month}",
        "The group's organisations not reported for {month}",
    ),
    "group.missing_none": (
        "Tất cả tổ chức của tổ đã gửi báo cáo {month}.",
        "Every organisation of the group has sent its return for {month}.",
    ),
    "group.returns_unknown": (
        "Chưa có sổ theo dõi báo cáo cho {month}: chưa biết tổ chức nào chưa báo cáo.",
        "No returns register for {month}: which returns are missing is not known.",
    ),
    "group.privacy": (
        "Báo cáo của tổ công tác chỉ có số liệu của từng tổ chức như bảng theo dõi các tổ chức, không có thành "
        "phần đảng viên mới.",
        "A working group's report carries each organisation's figures, as the organisations report does, and no "
        "composition of the new members.",
    ),
    "group.section.city": ("Kết quả theo tổ công tác", "Results by working group"),
    "group.column.name": ("Tổ công tác", "Working group"),
    "group.column.head": ("Tổ trưởng", "Head"),
    "group.city_note": (
        "Mỗi tổ công tác do một đồng chí Ủy viên Ban Thường vụ {body_committee} làm tổ trưởng; bấm tên tổ để xem "
        "báo cáo của tổ.",
        "Each working group is headed by a member of the Standing Board; open a group's name for its report.",
    ),
    "nav.group_city": ("Toàn {body_territory}", "Whole {body_territory}"),
    "index.groups": ("Tổ công tác", "Working groups"),
}
