"""Stage 4, publication: executing notebooks and rendering HTML and PDF."""
