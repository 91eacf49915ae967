"""Test support shared by every app: personas, the browser harness with axe-core.

Loaded as pytest plugins from the root ``conftest.py``.
"""
