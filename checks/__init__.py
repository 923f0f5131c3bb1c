"""The rules vigoklar applies: identifier rules, per-table schemas and cross-table checks."""
