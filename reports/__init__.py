"""Writers of the readiness report: HTML for people, JSON for machines."""
