"""Staff menu entries: window registration and the handling inbox (filled in by the window and handling parts)."""
