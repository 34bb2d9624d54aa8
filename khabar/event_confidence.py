"""Moved to :mod:`khabar.events.confidence`; this name stays for code that still imports it."""

from .events.confidence import FEATURES, _weights, confidence, features

__all__ = ["FEATURES", "confidence", "features", "_weights"]
