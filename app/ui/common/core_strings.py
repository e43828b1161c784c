"""Strings that live in app.core (which cannot import Qt), marked here for Qt Linguist.

Kept complete by tests/unit/test_translations.py."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

CORE_STRINGS = [
    QT_TRANSLATE_NOOP("ExamSite", "管理员"),
    QT_TRANSLATE_NOOP("ExamSite", "考务人员"),
    QT_TRANSLATE_NOOP("ExamSite", "监考人员"),
    QT_TRANSLATE_NOOP("ExamSite", "考评员"),
    QT_TRANSLATE_NOOP("ExamSite", "考评组长"),
    QT_TRANSLATE_NOOP("ExamSite", "内部质量督导员"),
    QT_TRANSLATE_NOOP("ExamSite", "外部质量督导员"),
    QT_TRANSLATE_NOOP("ExamSite", "考场负责人"),
    QT_TRANSLATE_NOOP("ExamSite", "理论知识考试"),
    QT_TRANSLATE_NOOP("ExamSite", "操作技能考核"),
    QT_TRANSLATE_NOOP("ExamSite", "综合评审"),
    QT_TRANSLATE_NOOP("ExamSite", "用人单位"),
    QT_TRANSLATE_NOOP("ExamSite", "社会培训评价组织"),
    # readiness self-test (app.core.readiness)
    QT_TRANSLATE_NOOP("ExamSite", "录像磁盘空间"),
    QT_TRANSLATE_NOOP("ExamSite", "摄像头画面"),
    QT_TRANSLATE_NOOP("ExamSite", "供电"),
    QT_TRANSLATE_NOOP("ExamSite", "时钟同步"),
    QT_TRANSLATE_NOOP("ExamSite", "数据库完整性"),
    QT_TRANSLATE_NOOP("ExamSite", "站点签名密钥"),
    QT_TRANSLATE_NOOP("ExamSite", "操作日志链"),
    QT_TRANSLATE_NOOP("ExamSite", "考试终端"),
    QT_TRANSLATE_NOOP("ExamSite", "打印机"),
    QT_TRANSLATE_NOOP("ExamSite", "通过"),
    QT_TRANSLATE_NOOP("ExamSite", "注意"),
    QT_TRANSLATE_NOOP("ExamSite", "不通过"),
    QT_TRANSLATE_NOOP("ExamSite", "未检查"),
    QT_TRANSLATE_NOOP("ExamSite", "全部通过，可以开考"),
    QT_TRANSLATE_NOOP("ExamSite", "通过，但有需要注意的事项"),
    QT_TRANSLATE_NOOP("ExamSite", "未通过：有必须在开考前处理的问题"),
    # station kinds (app.core.stations.KIND_NAMES; 考试终端 above)
    QT_TRANSLATE_NOOP("ExamSite", "检录台"),
    QT_TRANSLATE_NOOP("ExamSite", "实操评分站"),
    QT_TRANSLATE_NOOP("ExamSite", "监考台"),
]
