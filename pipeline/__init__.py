"""CLI, DVC stage entry points, settings, output writers."""
