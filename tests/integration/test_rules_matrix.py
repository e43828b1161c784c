"""The rules matrix: every enforceable rule of ../shared/domain/rules-digest.md, each naming the test
that proves it.  The test fails when a row names a test that does not exist (issue 18).

Rules still open are listed in DEFERRED with the issue item that will enforce them; they have no row
until a test proves them."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (rule, seed ref, "tests/…py::test_name")
MATRIX: list[tuple[str, str, str]] = [
    # §1 certificate numbering
    ("证书编码 22位：1字母+21数字，national examples", "002 L2506, L2586–2604",
     "tests/unit/test_certno.py::test_national_examples"),
    ("河南编码：省直/市代码 00–28，示例", "002 L4233–4296", "tests/unit/test_certno.py::test_henan_examples"),
    ("编码字段校验（省级代码、等级、序列码从000001）", "002 L2542–2584", "tests/unit/test_certno.py::test_invalid_numbers"),
    ("核发年份为发证年份", "002 L2565", "tests/unit/test_certno.py::test_compose_uses_issue_year_and_validates"),
    ("河南企业第10位 0—8，技工院校为9", "002 L4501–4537",
     "tests/unit/test_certno.py::test_henan_technical_school_numbers_compose_and_parse"),
    ("证书序列码不复用、无重复", "002 L2584, L2608",
     "tests/integration/test_results_flow.py::test_two_threads_allocating_at_once_never_duplicate"),
    ("人社部门赋码（南浔）：导入而非分配", "003 L49",
     "tests/integration/test_rule_gates.py::test_hrss_assigned_numbers_are_imported_not_allocated"),
    ("证书编号须经鉴定中心审核后核发", "002 L3862, L3431",
     "tests/integration/test_rule_gates.py::test_numbering_needs_the_center_review_recorded"),
    # §2 supervisor cards
    ("督导员证卡编码（外督 R+8，内督 H/Y/S+12）", "002 L1201–1297", "tests/unit/test_codes_and_cards.py::test_supervisor_cards"),
    ("督导员须持证", "002 L1134", "tests/integration/test_accounts.py::test_supervisor_needs_a_valid_card"),
    # §3 misconduct
    ("第五条：取消该科目；（一）—（三）须经提醒拒不改正", "002 L1649–1657",
     "tests/integration/test_misconduct.py::test_article_5_needs_a_refused_warning_and_voids_one_subject"),
    ("第六条：取消全部科目，当年不得参加", "002 L1659–1669",
     "tests/integration/test_misconduct.py::test_article_6_voids_all_subjects_and_bans_for_the_year"),
    ("第七条：取消全部科目，2年/5年", "002 L1671–1685", "tests/unit/test_results_core.py::test_article_7_voids_all_and_bars_2_or_5_years"),
    ("第八条：事后发现，已发证书作废并更正数据", "002 L1687",
     "tests/integration/test_misconduct.py::test_article_7_after_the_exam_voids_issued_certificates_and_flags_correction"),
    ("第十六条：2名以上工作人员签字，考场负责人确认（不得兼任签字人）", "002 L1760",
     "tests/integration/test_misconduct.py::test_room_head_cannot_witness"),
    ("第十六条 on a room console: the same rules there and again on the master (station records)", "002 L1760",
     "tests/integration/test_room_consoles.py::test_the_room_head_is_never_a_witness_on_the_console_nor_on_the_master"),
    ("第十七条：先告知、听取陈述申辩，再书面决定；决定才生效", "002 L1764–1766",
     "tests/integration/test_misconduct.py::test_confirmation_records_facts_only_and_the_decision_applies_the_penalty"),
    ("第十九条：复核决定", "002 L1770", "tests/integration/test_misconduct.py::test_article_6_voids_all_subjects_and_bans_for_the_year"),
    ("禁考名单：检录拦截", "002 L1659–1685", "tests/integration/test_checkin_service.py::test_banned_candidate_stopped"),
    ("违纪指引 第十五条：超备案范围不得开展、不得上传", "002 L1754",
     "tests/integration/test_rule_gates.py::test_batch_outside_filed_scope_refused"),
    # §4 exam administration
    ("综合评审：技师、高级技师", "000 L668; 002 L4065",
     "tests/unit/test_results_core.py::test_overall_pass_needs_every_required_subject_and_review_for_levels_1_2"),
    ("考评组：3名以上考评员，独立评分", "002 L3840", "tests/integration/test_scoring_service.py::test_three_graders_mean_summary_and_journal"),
    ("操作技能考核评分由考评人员签字负责", "002 L3858",
     "tests/integration/test_scoring_service.py::test_every_item_must_be_scored_and_signature_rules"),
    ("回避制", "003 L326", "tests/integration/test_scoring_service.py::test_avoidance_flagged_blocks_until_swapped_or_allowed"),
    ("督导员不能兼任同场次考评工作（委派时）", "002 L1172",
     "tests/integration/test_accounts.py::test_grader_and_supervisor_never_in_same_batch"),
    ("督导员不能兼任同场次考评/监考工作（签字时）", "002 L1172",
     "tests/integration/test_separation_of_duties.py::test_batch_proctor_cannot_sign_its_internal_review"),
    ("考评员资格：证号、考评职业须与批次一致", "002 L3834, L3112–3113",
     "tests/integration/test_grader_rules.py::test_unqualified_grader_refused"),
    ("考评员等级：三—五级须三级及以上，技师以上须一级", "002 L3834; 000 L93, L686",
     "tests/integration/test_grader_rules.py::test_grader_level_below_batch_refused"),
    ("轮换制（南浔）：上一批次同职业考评员不得连续考评", "003 L326",
     "tests/integration/test_grader_rules.py::test_rotation_enforced_where_profile_requires"),
    ("综合评审：湖南技师以上必设，河南可增加；未录入不发证", "000 L668; 002 L4065",
     "tests/integration/test_comprehensive_review.py::test_comprehensive_review_required_gate"),
    ("附件1 综合成绩列填综合评审成绩", "003 L96–213; 002 L4065",
     "tests/integration/test_comprehensive_review.py::test_comprehensive_review_fills_column"),
    ("综合评审组如考评组评分、签字，组长签署汇总表后转入成绩并可复算", "000 L668, L686; 002 L4065, L3858",
     "tests/integration/test_comprehensive_review.py::test_review_panel_scores_and_signs_like_a_practical_group"),
    ("内督审核须由本批次内督签署", "003 L49; 002 L1172",
     "tests/integration/test_separation_of_duties.py::test_batch_grader_cannot_sign_internal_review"),
    ("南浔：每工种内督至少2名", "003 L41, L631",
     "tests/integration/test_separation_of_duties.py::test_nanxun_needs_two_internal_supervisors_per_work_type"),
    ("成绩录入双人复核", "003 L350", "tests/integration/test_results_flow.py::test_manual_double_entry_counts_only_when_two_people_agree"),
    ("内督审核 → 初审 → 复审，不同人员", "003 L49", "tests/unit/test_results_core.py::test_review_chain_order_roles_and_distinct_signers"),
    ("公示期不少于（湖南7/南浔5/默认7）个工作日", "000 L97; 003 L49",
     "tests/integration/test_rule_gates.py::test_publication_shorter_than_profile_minimum_refused"),
    ("公示信息脱敏", "003 L360", "tests/unit/test_idcard.py::test_masking_for_publication"),
    ("公示异议：未处理不发证；确认单不写“经公示无异议”", "003 L691–731",
     "tests/integration/test_rule_gates.py::test_objection_blocks_numbering_until_resolved_with_reason"),
    ("工作日：节假日与调休", "002 L3255", "tests/unit/test_results_core.py::test_workdays_skip_weekends_and_holidays_and_count_makeup_days"),
    ("成绩报审10个工作日、督导报告5个工作日", "002 L3255, L3253",
     "tests/unit/test_results_core.py::test_batch_deadlines_results_10_and_report_5_working_days"),
    ("保存期限：视频1年、答题3年、评分3年、电子材料5年（取最严）", "002 L3820, L3856, L3858; 000 L97",
     "tests/integration/test_retention.py::test_hunan_video_kept_five_years_not_one"),
    ("保存期限登记", "000 L97", "tests/integration/test_retention.py::test_retention_register_shows_what_is_kept_until_when"),
    ("视频：到期且数据包已校验方可删除", "002 L3820", "tests/integration/test_camera.py::test_retention_purges_only_verified_batches_after_a_year"),
    ("题库每工种等级不少于600题（提示）", "003 L36", "tests/integration/test_theory_bank_papers.py::test_xlsx_import_warns_under_600_and_journals"),
    ("试题保存、传输2人以上在场（双人双锁）", "003 L484–486", "tests/integration/test_theory_bank_papers.py::test_seal_needs_two_custodians_and_shows_nothing"),
    ("试卷解封须两名保管人、在考试时间内", "003 L279–284", "tests/integration/test_theory_bank_papers.py::test_unlock_needs_both_custodians_in_the_window"),
    ("凭准考证和身份证进入考场；人证不符", "003 L48; 002 L1679", "tests/integration/test_checkin_service.py::test_mismatch_opens_incident_for_room_head"),
    ("考场情况记录单如实记录本场违纪与异常", "003 L638", "tests/integration/test_certificate_rules.py::test_room_record_reports_incidents_and_findings_of_the_room"),
    # §5 data
    ("证件类型代码表", "000 L577–581", "tests/unit/test_codes_and_cards.py::test_id_types_by_code_or_name"),
    ("省级代码表", "002 L2542–2557", "tests/unit/test_codes_and_cards.py::test_province_table_is_complete_and_correct"),
    ("证书数据表、核发登记表", "000 L490–585; 003 L732–750", "tests/integration/test_results_flow.py::test_publication_numbers_certificates_and_tables"),
    # §6 certificates
    ("证书：工种无则填“--”，等级“中文数字+级/名称”", "002 L2761–2765", "tests/unit/test_results_core.py::test_certificate_fields_dashes_and_level_text"),
    ("证书：持证人照片必备", "002 L2747, L2761", "tests/integration/test_certificate_rules.py::test_certificate_never_produced_without_photo"),
    ("证书：印章位置（分支机构：机构左、分支右）", "002 L2767–2775",
     "tests/integration/test_certificate_rules.py::test_certificate_layout_leaves_the_seal_positions_branch_two_seals"),
    # §7 / §9 supervision and integrity
    ("内部督导情况报告100分，否决项得0分", "003 L216–398", "tests/unit/test_results_core.py::test_supervision_form_is_100_points_and_vetoes_zero_it"),
    ("否决项：暂停本次认定直至处理", "003 L371", "tests/integration/test_rule_gates.py::test_veto_suspends_the_batch_until_resolved"),
    ("发证前须有内部督导情况报告", "003 L49", "tests/integration/test_rule_gates.py::test_numbering_needs_the_supervision_report"),
    ("外督情况登记表（附件3）由外督签署", "003 L402–687", "tests/integration/test_rule_gates.py::test_external_supervision_form_signed_by_the_external_supervisor"),
    ("全程留痕：操作日志不可篡改", "002 L3854", "tests/integration/test_journal_tamper.py::test_each_tampering_is_caught"),
    ("省份规则：建站时选定并记录", "rules-digest caveats", "tests/integration/test_profiles_site.py::test_profile_chosen_at_init_is_stored_and_journaled"),
]

# Enforceable rules not yet proven, and the issue item that will prove them (no row until then).
DEFERRED = [
    ("成绩只有一条路：理论自动评分、实操组长签字汇总、双人复核；更正须两人并留原值", "003 L350; 002 L3894", "issue 18 item 1"),
]


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            and n.name.startswith("test_")}


def test_every_rule_row_names_an_existing_test():
    """Each row of the matrix names a test that exists; a row without one fails here."""
    missing = []
    cache: dict[Path, set[str]] = {}
    for rule, ref, node in MATRIX:
        assert rule and ref, node
        file, _, name = node.partition("::")
        path = ROOT / file
        if not path.exists():
            missing.append(f"{rule}: {file} 不存在")
            continue
        if name not in cache.setdefault(path, _tests_in(path)):
            missing.append(f"{rule}: {node} 不存在")
    assert not missing, "\n".join(missing)


def test_matrix_has_no_duplicate_rules():
    rules = [r for r, _, _ in MATRIX]
    assert len(rules) == len(set(rules))
