"""Applications and cases (网上申报 and the 网上行政审批系统): drafts, materials, submission, the case along
its item's process, pauses and deadlines, decisions, documents, delivery, tracking and the case information
library (办件信息库). Arrows: cases → core, org, identity, catalog, workflow, notify.
"""
