"""Garbage text (CID codes, replacement characters, mojibake) is measured, flagged and never
made into tasks; real notice text in either script, with its placeholders and symbols, is not."""

from __future__ import annotations

import pytest

from extractors.document import Document, InputFormat, Paragraph
from extractors.garbage import is_garbled, is_garbled_task_text, measure_garbage
from extractors.notice import document_to_notice

CLEAN = [
    "临沂市人民政府办公室关于印发2023年政务公开工作要点的通知",
    "（一）完善重大行政决策公开制度。牵头单位：市政府办公室，责任单位：各县区人民政府，2023年6月底前完成。",
    "加強政務公開標準化規範化建設，推動網際網路政務服務平臺最佳化。",  # traditional script
    "×××同志：请于××月××日前报送材料，联系电话：0539-8721234，邮箱：zwgk@linyi.gov.cn",
    "室外温度达到35°C以上时，落实防暑降温措施；面积±5%以内；第3条第（二）款§2。",
    "详见 http://www.linyi.gov.cn/art/2023/6/20/art_1234.html?from=wx&id=5（附件1.docx）",
    "一、总体要求\n二、重点任务\n\t（一）推进决策公开",
    "Guangzhou Municipal People's Government, Office of Government Affairs Disclosure, 2023.",
]

GARBAGE = [
    ("(cid:3)(cid:17)(cid:205)(cid:1187)(cid:44)(cid:9)(cid:301)(cid:18)", "cid"),
    ("\ufffd\ufffd\ufffd\ufffd工作\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd要点\ufffd\ufffd", "replacement"),
    ("锟斤拷锟斤拷锟斤拷锟斤拷烫烫烫烫烫烫", "replacement"),
    ("ÊÐÈËÃñÕþ¸®°ì¹«ÊÒ¹ØÓÚÓ¡·¢2023ÄêÕþÎñ¹«¿ª¹¤×÷ÒªµãµÄÍ¨Öª", "mojibake"),  # GBK read as Latin-1
    ("å¸‚äººæ°‘æ”¿åºœåŠžå…¬å®¤å…³äºŽå°å‘æ”¿åŠ¡å…¬å¼€å·¥ä½œè¦ç‚¹", "mojibake"),  # UTF-8 read as cp1252
    ("各县区人民政府，市政府各部门：现将《2023年政务公开工作要点》印发给你们，请认真贯彻落实。"
     .encode("utf-8").decode("gbk", errors="replace"), "mojibake"),  # UTF-8 read as GBK: 鍚勫幙鍖轰汉…
    ("\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a", "private_use"),
    ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11", "control"),
]


@pytest.mark.parametrize("text", CLEAN)
def test_real_notice_text_is_not_garbage(text: str) -> None:
    measured = measure_garbage(text)
    assert measured.garbage == 0, measured
    assert not is_garbled_task_text(text)


@pytest.mark.parametrize(("text", "kind"), GARBAGE, ids=[kind for _, kind in GARBAGE])
def test_garbage_is_measured_by_kind(text: str, kind: str) -> None:
    measured = measure_garbage(text)
    assert getattr(measured, kind) > 0
    assert measured.share > 0.5, measured
    assert is_garbled(measured)
    assert is_garbled_task_text(text)


def test_a_few_stray_marks_do_not_make_a_text_garbled() -> None:
    text = "（一）完善重大行政决策公开制度，落实公开要求\ufffd。牵头单位：市政府办公室，2023年6月底前完成。"
    assert not is_garbled(measure_garbage(text))
    assert not is_garbled_task_text(text)


def test_empty_text_has_no_garbage() -> None:
    assert measure_garbage("").share == 0.0


def _notice(*lines: str) -> Document:
    return Document(tuple(Paragraph(line) for line in lines), InputFormat.TXT)


HEAD = ("临沂市人民政府办公室关于印发2023年政务公开工作要点的通知", "一、推进决策公开")
GOOD_TASK = "（一）完善重大行政决策公开制度。牵头单位：市政府办公室，2023年6月底前完成。"


def test_garbled_notice_yields_a_warning_and_no_tasks() -> None:
    cid = "".join(f"(cid:{n})" for n in range(100, 140))
    notice = document_to_notice(_notice(*HEAD, GOOD_TASK, f"（二）{cid}。牵头单位：{cid}", f"（三）{cid}"))
    assert notice.tasks == ()
    assert any(w.startswith("garbled_text:") and "(cid:N)" in w for w in notice.warnings)
    assert not any(w.startswith("no tasks found") for w in notice.warnings)


def test_one_garbled_task_is_withheld_and_the_others_kept() -> None:
    garbled = "（二）" + "\ufffd" * 12 + "政务公开" + "\ufffd" * 8 + "。牵头单位：市财政局，2023年12月底前完成。"
    lines = [GOOD_TASK, garbled] + [f"（{n}）推进第{n}项重点领域信息公开工作。牵头单位：市财政局，全年推进。" for n in "三四五六七八九十"]
    notice = document_to_notice(_notice(*HEAD, *lines))
    requirements = [task.requirement for task in notice.tasks]
    assert len(requirements) == 9
    assert not any("\ufffd" in requirement for requirement in requirements)
    assert any("1 task(s) whose own text is garbled were withheld" in w for w in notice.warnings)


def test_clean_notice_has_no_garbage_warning() -> None:
    notice = document_to_notice(_notice(*HEAD, GOOD_TASK))
    assert notice.tasks
    assert not any("garbled" in w for w in notice.warnings)
