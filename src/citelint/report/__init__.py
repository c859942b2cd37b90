"""Writing findings: full, concise, JSON, JSON lines, SARIF and GitHub annotations."""
