"""Feedback from teenagers: five-star ratings and free text, handled by the city."""
