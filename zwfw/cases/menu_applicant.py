"""Applicant-side registrations: the user centre sections 我的办件 / 我的消息 (filled in by the applying and tracking parts)."""
