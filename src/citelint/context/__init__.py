"""The article's own facts that resolution needs: its date and its jurisdiction, and where each
came from."""
