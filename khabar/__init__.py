"""khabar (خبر): Arabic news → evidence-linked event data."""

__version__ = "0.1.0"
