"""The DID purchase flow: a Qt-free state machine with its data."""
