"""The Activity tab: six logs from the history archive, filters, export."""
