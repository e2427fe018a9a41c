"""``python -m claimtrack.cli``."""
from .main import main

main()
