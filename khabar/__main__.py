"""`python -m khabar …` runs the khabar command line."""

from .cli import main

main()
