"""core: base model conventions, the audit log, choices, the clock and the working-day calendar.

core imports no other domain of the project (ARCHITECTURE.md).
"""
