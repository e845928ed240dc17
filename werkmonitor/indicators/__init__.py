"""Stage 2, indicators: the Bijlage 3 methods and the indicator tables."""
