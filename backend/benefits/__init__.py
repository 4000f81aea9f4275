"""Benefits (trial tickets, discounts, free entry) and their one-time redemptions."""
