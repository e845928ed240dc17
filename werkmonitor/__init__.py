"""werkmonitor: checked intake, Bijlage 3 methods and reports for the landelijke werkmonitor."""

__version__ = "0.1.0"
