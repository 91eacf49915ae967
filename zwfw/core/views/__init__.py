"""core's staff screens: the working-day calendar (系统管理员) and the audit log (审计管理员)."""
