"""Database access: engine and sessions, typed models, queries and writes (no commits)."""
