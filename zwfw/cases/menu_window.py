"""Staff menu entry of the window twin (就近申报: registering a walk-in application)."""
