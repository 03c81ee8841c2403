"""The plain names of the six logs, as the Activity tab shows them (export file names)."""

TITLES = ("Faxes sent", "Faxes received", "Calls made", "Calls received",
          "Text messages sent", "Text messages received")
