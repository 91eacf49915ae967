"""Root of the test suite: shared fixtures come from zwfw.testing (see its docstrings)."""

pytest_plugins = ["zwfw.testing.fixtures", "zwfw.testing.browser"]
# The phone simulator for SMS (zwfw.notify.testing) and the PII scan of the run's logs (zwfw.testing.logscan).
pytest_plugins += ["zwfw.notify.testing", "zwfw.testing.logscan"]
