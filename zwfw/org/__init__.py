"""org: regions (GB/T 2260), agencies, service centres and windows, staff memberships and roles."""
