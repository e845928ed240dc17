"""The demo: calibrated synthetic deliveries from the published figures."""
