"""Qt-free domain logic: money, zones, phone numbers, spend, insights, cost quotes, the purchase
flow and the history sync. Never imports Qt, qasync or matplotlib."""
