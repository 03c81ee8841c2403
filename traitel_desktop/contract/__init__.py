"""Static tables of the TraiTel Account Management API v1.0, shared by client and sandbox.

Only facts copied from the vendor's document live here (mode names, error texts, fax codes).
Parsing, validation and behaviour are read independently by ``api`` and ``sandbox``.
"""
