"""identity: users (persons, organisations' agents, staff), real-name levels, login, SSO, personal data."""
