"""Security events into the audit log: logins, failures, lockouts, logouts, MFA changes, password changes."""
