"""Render: models → pages, through themes (Jinja2), with the WhatsApp order links."""
