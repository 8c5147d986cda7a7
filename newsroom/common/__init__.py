"""Utilities both apps use: Vietnamese text, NFC fields, dates, the HTML sanitizer, pagination."""
