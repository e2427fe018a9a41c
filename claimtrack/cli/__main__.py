"""``python -m claimtrack.cli``."""
from .commands import main

main()
