"""The vocabulary of processes, steps and pauses (shared by catalog's definitions and cases' instances)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    """What a step does. 受理 → 审查 → 决定 → 送达 is the minimum of every process."""

    ACCEPT = "accept", _("受理")
    EXAMINE = "examine", _("审查")
    DECIDE = "decide", _("决定")
    DELIVER = "deliver", _("送达")


class JoinRule(models.TextChoices):
    """How a parallel stage (并联审批) completes."""

    ALL = "all", _("全部同意")
    ANY = "any", _("任一同意")


class StepState(models.TextChoices):
    WAITING = "waiting", _("未开始")
    ACTIVE = "active", _("办理中")
    DONE = "done", _("已完成")
    SKIPPED = "skipped", _("无需办理")
    CANCELLED = "cancelled", _("已取消")


class StepOutcome(models.TextChoices):
    AGREE = "agree", _("同意")
    DISAGREE = "disagree", _("不同意")


class PauseKind(models.TextChoices):
    """Why the clock stops (time not counted, 行政许可法 第四十五条; 补正 before acceptance)."""

    SUPPLEMENT = "supplement", _("补正材料")
    HEARING = "hearing", _("听证")
    INSPECTION = "inspection", _("现场勘验/检验")
    TESTING = "testing", _("检测/检疫")
    APPRAISAL = "appraisal", _("鉴定")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    BIDDING = "bidding", _("招标/拍卖")


#: The special procedures (特别程序) a handler may start; the supplement is its own action.
SPECIAL_PAUSE_KINDS: tuple[str, ...] = tuple(k for k in PauseKind.values if k != PauseKind.SUPPLEMENT)


class DeadlineLevel(models.TextChoices):
    """The colour of a due date: green while < 90 % of the limit is used, yellow from 90 %, red overdue."""

    NORMAL = "normal", _("正常")
    WARNING = "warning", _("即将到期")
    OVERDUE = "overdue", _("已超期")
    PAUSED = "paused", _("暂停计时")
