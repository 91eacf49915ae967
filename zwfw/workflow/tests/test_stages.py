"""Planning a process into stages, checking it, and the join rules of 并联审批."""

from __future__ import annotations

from zwfw.workflow.choices import JoinRule, StepKind, StepOutcome
from zwfw.workflow.stages import StepSpec, process_problems, stage_result, stages_plan

A, E, D, S = StepKind.ACCEPT, StepKind.EXAMINE, StepKind.DECIDE, StepKind.DELIVER
AGREE, NO = StepOutcome.AGREE, StepOutcome.DISAGREE


def joint(rule=JoinRule.ALL):
    return [
        StepSpec(1, "受理", A),
        StepSpec(2, "审查", E),
        StepSpec(3, "食品安全审查", E, parallel_group=1, join_rule=rule),
        StepSpec(4, "消防审查", E, parallel_group=1, join_rule=rule),
        StepSpec(5, "决定", D),
        StepSpec(6, "送达", S),
    ]


def test_parallel_steps_form_one_stage():
    stages = stages_plan(joint())
    assert [[s.name for s in stage] for stage in stages] == [
        ["受理"],
        ["审查"],
        ["食品安全审查", "消防审查"],
        ["决定"],
        ["送达"],
    ]
    assert process_problems(joint()) == []


def test_every_problem_of_a_bad_process_is_reported_at_once():
    bad = [
        StepSpec(1, "审查", E),
        StepSpec(2, "决定", D, parallel_group=2),
        StepSpec(3, "审查二", E, parallel_group=2, join_rule=JoinRule.ANY),
    ]
    problems = process_problems(bad)
    text = "\n".join(problems)
    assert "受理" in text and "送达" in text
    assert "第一个环节必须是受理" in text
    assert "只有审查环节可以并联" in text
    assert "同一完成规则" in text
    assert "审查环节必须在决定环节之前" in text
    assert process_problems([]) != []


def test_a_parallel_group_must_be_adjacent_and_have_two_branches():
    steps = [
        StepSpec(1, "受理", A),
        StepSpec(2, "甲", E, parallel_group=1),
        StepSpec(3, "乙", E),
        StepSpec(4, "丙", E, parallel_group=1),
        StepSpec(5, "决定", D),
        StepSpec(6, "送达", S),
    ]
    text = "\n".join(process_problems(steps))
    assert "必须相邻" in text and "至少要有两个环节" in text


def test_all_must_agree():
    assert stage_result(JoinRule.ALL, [AGREE, None]) == (False, None)
    assert stage_result(JoinRule.ALL, [AGREE, AGREE]) == (True, AGREE)
    assert stage_result(JoinRule.ALL, [NO, None]) == (True, NO)


def test_any_one_agreeing_is_enough():
    assert stage_result(JoinRule.ANY, [None, None]) == (False, None)
    assert stage_result(JoinRule.ANY, [NO, None]) == (False, None)
    assert stage_result(JoinRule.ANY, [NO, AGREE]) == (True, AGREE)
    assert stage_result(JoinRule.ANY, [NO, NO]) == (True, NO)
