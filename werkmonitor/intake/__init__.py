"""Stage 1, intake: reading, checking, archiving and storing deliveries."""
