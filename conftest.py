"""Root of the test suite: shared fixtures come from zwfw.testing (see its docstrings)."""

pytest_plugins = ["zwfw.testing.fixtures", "zwfw.testing.browser"]
