"""Lapak: plain text files and phone photos in, fast static WhatsApp shops out."""

__version__ = "0.1.0"
