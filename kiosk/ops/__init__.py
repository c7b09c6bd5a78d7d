"""Pavilion operations: opening hours, systemd watchdog, display power, installer self-checks."""
