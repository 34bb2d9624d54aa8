"""`python -m khabar.cli …` runs the khabar command line."""

from . import main

main()
