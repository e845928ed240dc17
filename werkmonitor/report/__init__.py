"""Stage 3, report content: what the chapter notebooks call (text, tables, figures)."""
