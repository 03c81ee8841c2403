"""The DID purchase flow: a Qt-free state machine described by a transition table.

``table`` (the table, as data) · ``flow`` (``DidPurchase``: the actions, each asking the table
first) · ``progress`` (the run's state and the guards) · ``loading`` (the lists and the balance)
· ``subscribe`` (buying, and its money rules) · ``state`` (plain data and helpers).
"""
