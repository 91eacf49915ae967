"""A process definition planned into stages, and how a parallel stage (并联审批) completes.

A process is an ordered list of steps (``catalog.ProcessStep``: order, name, kind, agency, role, time limit,
``parallel_group``, ``join_rule``). Consecutive steps that share a ``parallel_group`` number form one
**stage** run at the same time by their agencies; every other step is a stage of its own. The case moves
to the next stage only when the current one is complete:

- ``all`` (全部同意): complete when every branch is done; the stage agrees only if every branch agreed,
  and a single 不同意 completes it at once as a disagreement (the other branches are cancelled);
- ``any`` (任一同意): complete, agreeing, as soon as one branch agrees (the others are skipped);
  disagreeing only when every branch disagreed.

Only 审查 steps may run in parallel; a process starts with 受理, has one 决定 and ends with 送达.
The functions take any objects with the attributes of :class:`StepSpec` (model rows included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _

from zwfw.org.choices import Role

from .choices import JoinRule, StepKind, StepOutcome


class StepLike(Protocol):
    order: int
    name: str
    kind: str
    parallel_group: int | None
    join_rule: str
    time_limit_days: int


@dataclass(frozen=True)
class StepSpec:
    order: int
    name: str
    kind: str
    parallel_group: int | None = None
    join_rule: str = JoinRule.ALL
    time_limit_days: int = 0


def stages_plan(steps: Sequence[Any]) -> list[list[Any]]:
    """The steps grouped into stages, in order (each stage a list of one or more steps)."""
    stages: list[list[Any]] = []
    for step in sorted(steps, key=lambda s: s.order):
        group = step.parallel_group
        if group is not None and stages and stages[-1][0].parallel_group == group:
            stages[-1].append(step)
        else:
            stages.append([step])
    return stages


def process_problems(steps: Sequence[Any]) -> list[str]:
    """Every reason the process cannot run (empty when it can), in Chinese, all at once."""
    problems: list[str] = []
    ordered = sorted(steps, key=lambda s: s.order)
    if not ordered:
        return [_("办理流程至少要有受理、审查、决定、送达四个环节。")]
    kinds = [s.kind for s in ordered]
    for kind, label in (
        (StepKind.ACCEPT, _("受理")),
        (StepKind.EXAMINE, _("审查")),
        (StepKind.DECIDE, _("决定")),
        (StepKind.DELIVER, _("送达")),
    ):
        if kind not in kinds:
            problems.append(_("办理流程缺少“%(kind)s”环节。") % {"kind": label})
    if kinds and kinds[0] != StepKind.ACCEPT:
        problems.append(_("办理流程的第一个环节必须是受理。"))
    if kinds and kinds[-1] != StepKind.DELIVER:
        problems.append(_("办理流程的最后一个环节必须是送达。"))
    if kinds.count(StepKind.ACCEPT) > 1:
        problems.append(_("办理流程只能有一个受理环节。"))
    if kinds.count(StepKind.DECIDE) > 1:
        problems.append(_("办理流程只能有一个决定环节。"))
    if StepKind.DECIDE in kinds and StepKind.DELIVER in kinds:
        if kinds.index(StepKind.DECIDE) > len(kinds) - 1 - kinds[::-1].index(StepKind.DELIVER):
            problems.append(_("决定环节必须在送达环节之前。"))
    if StepKind.DECIDE in kinds:
        decide_at = kinds.index(StepKind.DECIDE)
        if any(k == StepKind.EXAMINE for k in kinds[decide_at + 1 :]):
            problems.append(_("审查环节必须在决定环节之前。"))
    seen_groups: set[int] = set()
    for stage in stages_plan(ordered):
        group = stage[0].parallel_group
        if group is None:
            continue
        if group in seen_groups:
            problems.append(_("并联组 %(group)s 的环节必须相邻。") % {"group": group})
        seen_groups.add(group)
        if any(s.kind != StepKind.EXAMINE for s in stage):
            problems.append(_("只有审查环节可以并联办理（并联组 %(group)s）。") % {"group": group})
        if len({s.join_rule for s in stage}) > 1:
            problems.append(_("并联组 %(group)s 的各环节必须使用同一完成规则。") % {"group": group})
        if len(stage) < 2:
            problems.append(_("并联组 %(group)s 至少要有两个环节。") % {"group": group})
    return problems


def stage_result(join_rule: str, outcomes: Sequence[str | None]) -> tuple[bool, str | None]:
    """``(complete, outcome)`` of a stage whose branches have ``outcomes`` (``None`` = not finished)."""
    agreed = sum(1 for o in outcomes if o == StepOutcome.AGREE)
    disagreed = sum(1 for o in outcomes if o == StepOutcome.DISAGREE)
    pending = sum(1 for o in outcomes if o is None)
    if join_rule == JoinRule.ANY:
        if agreed:
            return True, StepOutcome.AGREE
        if pending == 0:
            return True, StepOutcome.DISAGREE
        return False, None
    if disagreed:
        return True, StepOutcome.DISAGREE
    if pending == 0:
        return True, StepOutcome.AGREE
    return False, None


def step_kind_guess(name: str) -> tuple[str, str]:
    """``(kind, role)`` of a step from its name, for steps written before kinds existed (data, Excel).

    受理 → accept by the window clerk; 送达/发证/颁发/领取 → deliver by the window clerk; 决定/审批/批准/办结 →
    decide by the decider; anything else (审查, 审核, 现场核查…) → examine by the examiner.
    """
    if "受理" in name:
        return StepKind.ACCEPT, Role.WINDOW_CLERK
    if any(word in name for word in ("送达", "发证", "颁发", "领取")):
        return StepKind.DELIVER, Role.WINDOW_CLERK
    if any(word in name for word in ("决定", "审批", "批准", "办结")):
        return StepKind.DECIDE, Role.DECIDER
    return StepKind.EXAMINE, Role.EXAMINER
