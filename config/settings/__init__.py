"""Settings, one module per purpose: base (shared), dev, test, production.

Everything that differs between machines comes from the environment through the typed
helpers in :mod:`config.settings.env`.
"""
